package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.resident.domain.CareAlert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Care alerts as Prometheus sees them (deploy/README.md, alerts CareAlertUnacknowledgedPastEscalation and
 * CareEscalationJobNotRunning); counts per community only, nothing about a person:
 * <ul>
 * <li>{@code linli_care_alerts_open{community}}: alerts not resolved yet;
 * <li>{@code linli_care_alerts_unacknowledged_past_escalation{community}}: alerts nobody acknowledged although they
 * were raised longer than {@code linli.care.escalate-after} ago (escalated to the duty desk or, if the escalation job
 * is stuck, not even that);
 * <li>{@code linli_care_escalation_last_success_seconds}: when this instance's escalation job last finished without an
 * error (epoch seconds; the instance's start until its first run).
 * </ul>
 * The counts are one grouped query over the open alerts (the partial index {@code care_alert_open}), refreshed every
 * {@code linli.metrics.care-alerts-every} (30 s). A community whose alerts were all resolved keeps reporting 0.
 */
@Startup
@ApplicationScoped
public class CareAlertMetrics {

    private final CareConfig config;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge pastEscalation;
    private final Map<String, long[]> seen = new ConcurrentHashMap<>();
    private volatile double lastEscalationRun;

    CareAlertMetrics(CareConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.lastEscalationRun = epochSeconds(clock);
        this.open = MultiGauge.builder("linli.care.alerts.open")
                .description("care alerts not resolved yet, per community").register(registry);
        this.pastEscalation = MultiGauge.builder("linli.care.alerts.unacknowledged.past.escalation")
                .description("care alerts nobody acknowledged within linli.care.escalate-after, per community")
                .register(registry);
        Gauge.builder("linli.care.escalation.last.success", this, m -> m.lastEscalationRun).baseUnit("seconds")
                .description("when the escalation job last ran without an error on this instance (epoch seconds)")
                .register(registry);
    }

    /** Called by the escalation job after a run that ended without an error. */
    void escalationRan() {
        lastEscalationRun = epochSeconds(clock);
    }

    /** Through instant(): the platform's clock ticks in microseconds, and a sub-millisecond tick's millis() fails. */
    private static double epochSeconds(Clock clock) {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    @Scheduled(every = "${linli.metrics.care-alerts-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refresh() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.escalateAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = CareAlert.getEntityManager().createNativeQuery("select community_id, count(*), "
                + "count(*) filter (where status in ('RAISED', 'ESCALATED') and raised_at < ?1) "
                + "from care_alert where status <> 'RESOLVED' group by community_id")
                .setParameter(1, cutoff).getResultList();
        seen.values().forEach(counts -> {
            counts[0] = 0;
            counts[1] = 0;
        });
        for (Object[] row : rows) {
            seen.put((String) row[0], new long[] { ((Number) row[1]).longValue(), ((Number) row[2]).longValue() });
        }
        List<MultiGauge.Row<?>> openRows = new ArrayList<>();
        List<MultiGauge.Row<?>> pastRows = new ArrayList<>();
        seen.forEach((community, counts) -> {
            openRows.add(MultiGauge.Row.of(Tags.of("community", community), counts[0]));
            pastRows.add(MultiGauge.Row.of(Tags.of("community", community), counts[1]));
        });
        open.register(openRows, true);
        pastEscalation.register(pastRows, true);
    }
}
