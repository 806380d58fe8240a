package org.linli.platform.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The outbox as Prometheus sees it (deploy/README.md, alerts OutboxBacklogGrowing and OutboxEventParked):
 * <ul>
 * <li>{@code linli_outbox_waiting_events}: committed events the relay has not published yet (parked ones excluded);
 * <li>{@code linli_outbox_oldest_waiting_seconds}: how long the first of them has waited (0 when none waits);
 * <li>{@code linli_outbox_parked_events}: events parked after the broker kept refusing them, waiting for an operator.
 * </ul>
 * The figures come from one statement over the outbox's partial indexes (unpublished rows only, a handful normally),
 * run when Prometheus scrapes and kept {@link #MAX_AGE} so the three gauges share it. The counter
 * {@code linli_outbox_parked_total} (OutboxRelay) counts parkings since the instance started; this gauge says how many
 * are parked now, whichever instance parked them.
 */
@ApplicationScoped
public class OutboxMetrics {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final String FIGURES = "select "
            + "(select count(*) from outbox_event where published_at is null and parked_at is null), "
            + "(select coalesce(extract(epoch from now() - occurred_at), 0) from outbox_event "
            + "where published_at is null and parked_at is null order by seq limit 1), "
            + "(select count(*) from outbox_event where published_at is null and parked_at is not null)";

    record Figures(double waiting, double oldestSeconds, double parked, long at) {
        static final Figures UNKNOWN = new Figures(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private final DataSource dataSource;
    private volatile Figures figures = Figures.UNKNOWN;

    OutboxMetrics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("linli.outbox.waiting.events", this, m -> m.figures().waiting())
                .description("committed events the outbox relay has not published yet (parked ones excluded)")
                .register(registry);
        Gauge.builder("linli.outbox.oldest.waiting", this, m -> m.figures().oldestSeconds()).baseUnit("seconds")
                .description("how long the oldest unpublished, unparked outbox event has waited")
                .register(registry);
        Gauge.builder("linli.outbox.parked.events", this, m -> m.figures().parked())
                .description("outbox events parked now, waiting for an operator (GET /admin/outbox/parked)")
                .register(registry);
    }

    /** The figures, at most {@link #MAX_AGE} old; NaN while the database cannot be asked. */
    synchronized Figures figures() {
        long now = System.nanoTime();
        if (figures.at() != 0 && now - figures.at() < MAX_AGE.toNanos()) {
            return figures;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            try (ResultSet row = statement.executeQuery(FIGURES)) {
                row.next();
                double oldest = row.getDouble(2); // null (nothing waits) reads as 0
                figures = new Figures(row.getLong(1), oldest, row.getLong(3), now);
            }
        } catch (SQLException e) {
            Log.debugf("Outbox figures unavailable: %s", e.getMessage());
            figures = new Figures(Double.NaN, Double.NaN, Double.NaN, now);
        }
        return figures;
    }
}
