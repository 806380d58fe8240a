package org.linli.platform.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/** The clock of the communities served (China Standard Time by default): "today" for cut-offs and ages. */
@ApplicationScoped
public class CommunityClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "linli.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
