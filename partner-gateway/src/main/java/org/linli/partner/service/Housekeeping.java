package org.linli.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes what is no longer needed, hourly: deliveries older than {@code linli.partner.retention} that are done
 * (delivered or given up), secrets whose overlap ended, and inbound message ids old enough that their timestamp would be
 * refused as stale anyway (kept a day, far beyond the five minutes' tolerance), and care-alert events held a day for an
 * alarm sender the gateway never recorded ({@link AlarmSenders}).
 */
@ApplicationScoped
public class Housekeeping {

    private final EntityManager entityManager;
    private final PartnerConfig config;

    Housekeeping(EntityManager entityManager, PartnerConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** What one run deleted. */
    public record Swept(int deliveries, int secrets, int inboundMessages, int unclaimedAlertEvents) {
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        Swept swept = sweep();
        if (swept.deliveries() + swept.secrets() + swept.inboundMessages() + swept.unclaimedAlertEvents() > 0) {
            Log.infof("Housekeeping deleted %d deliveries, %d expired secrets, %d inbound message ids, %d care-alert "
                    + "events held a day for an alarm sender never recorded (alarms sent to resident-service directly)",
                    swept.deliveries(), swept.secrets(), swept.inboundMessages(), swept.unclaimedAlertEvents());
        }
    }

    @Transactional
    public Swept sweep() {
        int deliveries = entityManager.createNativeQuery("""
                delete from delivery where status in ('DELIVERED', 'FAILED') and created_at < now() - cast(?1 as interval)""")
                .setParameter(1, config.retention().toSeconds() + " seconds").executeUpdate();
        int secrets = entityManager.createNativeQuery("delete from signing_secret where expires_at < now()").executeUpdate()
                + entityManager.createNativeQuery("delete from inbound_secret where expires_at < now()").executeUpdate();
        int inbound = entityManager.createNativeQuery("delete from inbound_message where received_at < now() - interval '1 day'")
                .executeUpdate();
        // care-alert events of alarms that did not come through the gateway: no sender will ever be recorded
        int unclaimed = entityManager.createNativeQuery("delete from held_alert_event where held_at < now() - interval '1 day'")
                .executeUpdate();
        return new Swept(deliveries, secrets, inbound, unclaimed);
    }
}
