package org.linli.platform.outbox;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the outbox and inbox tables small: published events and remembered event ids older than the
 * retention are deleted. Inbox ids are kept four times as long as outbox rows, well beyond any
 * redelivery the broker's own retention allows.
 */
@ApplicationScoped
public class EventHousekeeping {

    private final EntityManager entityManager;
    private final OutboxConfig config;

    EventHousekeeping(EntityManager entityManager, OutboxConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        OffsetDateTime cutoff = OffsetDateTime.now().minus(config.relay().retention());
        int outbox = entityManager.createQuery("delete from OutboxEvent where publishedAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
        int inbox = entityManager.createNativeQuery("delete from inbox_event where received_at < ?1")
                .setParameter(1, cutoff.minus(config.relay().retention().multipliedBy(3))).executeUpdate();
        if (outbox + inbox > 0) {
            Log.infof("Housekeeping deleted %d published outbox events and %d inbox entries", outbox, inbox);
        }
    }
}
