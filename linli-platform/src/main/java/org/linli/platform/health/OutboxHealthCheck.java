package org.linli.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * How many committed events wait for the relay, and since when: a growing backlog means Kafka is unreachable. Down
 * as well while any event is parked; {@code heldBehindParked} says how many events of the same keys wait behind the
 * parked ones (they go out, in order, once an operator retries or removes the parked event).
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final EntityManager entityManager;

    OutboxHealthCheck(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public HealthCheckResponse call() {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "select count(*) filter (where parked_at is null), "
                        + "coalesce(extract(epoch from now() - min(occurred_at) filter (where parked_at is null)), 0), "
                        + "count(*) filter (where parked_at is not null), "
                        + "count(*) filter (where parked_at is null and exists (select 1 from outbox_event p "
                        + "where p.parked_at is not null and p.published_at is null and p.topic = o.topic "
                        + "and p.record_key = o.record_key and p.seq < o.seq)) "
                        + "from outbox_event o where published_at is null")
                .getSingleResult();
        long waiting = ((Number) row[0]).longValue();
        long oldestSeconds = ((Number) row[1]).longValue();
        long parked = ((Number) row[2]).longValue();
        long held = ((Number) row[3]).longValue();
        return HealthCheckResponse.named("outbox")
                .status(oldestSeconds < 60 && parked == 0)
                .withData("waiting", waiting)
                .withData("oldestWaitingSeconds", oldestSeconds)
                .withData("parked", parked)
                .withData("heldBehindParked", held)
                .build();
    }
}
