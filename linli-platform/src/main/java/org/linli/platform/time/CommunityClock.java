package org.linli.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/**
 * The clock of the communities served (China Standard Time by default): "today" for cut-offs and ages, and "now" for
 * every timestamp a service stores or answers. It ticks in whole microseconds, the precision of a PostgreSQL
 * {@code timestamptz}, so a value taken from it equals what PostgreSQL stores of it: an answer built from memory and
 * one built from the stored row agree (see {@link org.linli.platform.json.UtcTimestamps}). Service code takes "now"
 * from this injected {@link Clock}, never from {@code OffsetDateTime.now()} without one.
 */
@ApplicationScoped
public class CommunityClock {

    /** The clock's tick: one microsecond. */
    public static final Duration TICK = Duration.of(1, ChronoUnit.MICROS);

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "linli.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        return Clock.tick(Clock.system(ZoneId.of(zone)), TICK);
    }
}
