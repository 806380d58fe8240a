package org.linli.partner.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.partner.domain.Delivery;
import org.linli.partner.domain.DeliveryStatus;
import org.linli.partner.domain.Partner;
import org.linli.platform.problem.InvalidRequestProblem;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A partner's deliveries, newest first, and replaying a time range of them. */
@ApplicationScoped
@Transactional
public class DeliveryLog {

    private final PartnerScope scope;
    private final PartnerConfig config;
    private final EntityManager entityManager;

    DeliveryLog(PartnerScope scope, PartnerConfig config, EntityManager entityManager) {
        this.scope = scope;
        this.config = config;
        this.entityManager = entityManager;
    }

    public record DeliveryPage(List<Delivery> items, int page, int size, long total) {
    }

    public DeliveryPage page(String partnerId, UUID subscriptionId, DeliveryStatus status, int page, int size) {
        Partner partner = scope.usable(partnerId);
        StringBuilder where = new StringBuilder("partnerId = :partner");
        Parameters parameters = Parameters.with("partner", partner.id);
        if (subscriptionId != null) {
            where.append(" and subscriptionId = :subscription");
            parameters.and("subscription", subscriptionId);
        }
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        PanacheQuery<Delivery> query = Delivery.find(where.toString(), Sort.descending("seq"), parameters);
        return new DeliveryPage(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /**
     * Queues a copy of every delivery of the partner (of one subscription, if named) whose event happened in
     * [{@code from}, {@code to}), in their original order, with fresh {@code webhook-id}s. Events the partner may no
     * longer receive (a community or type withdrawn since) are not replayed. Returns how many were queued.
     */
    public int replay(String partnerId, UUID subscriptionId, OffsetDateTime from, OffsetDateTime to) {
        Partner partner = scope.usable(partnerId);
        if (!from.isBefore(to)) {
            throw new InvalidRequestProblem("to", "must be after from");
        }
        if (java.time.Duration.between(from, to).compareTo(config.maxReplayRange()) > 0) {
            throw new InvalidRequestProblem("to", "a replay covers at most " + config.maxReplayRange());
        }
        int queued = entityManager.createNativeQuery("""
                insert into delivery (id, subscription_id, partner_id, event_id, event_type, event_key, community_id,
                                      occurred_at, body, status, attempts, next_attempt_at, created_at, replay_of)
                select gen_random_uuid(), d.subscription_id, d.partner_id, d.event_id, d.event_type, d.event_key,
                       d.community_id, d.occurred_at, d.body, 'PENDING', 0, now(), now(), d.id
                from delivery d join subscription s on s.id = d.subscription_id join partner p on p.id = d.partner_id
                where d.partner_id = ?1 and d.replay_of is null and d.occurred_at >= ?2 and d.occurred_at < ?3
                  and (cast(?4 as text) = '' or cast(d.subscription_id as text) = cast(?4 as text))
                  and d.event_type = any (s.event_types) and d.event_type = any (p.event_types)
                  and d.community_id = any (p.communities)
                order by d.seq""")
                .setParameter(1, partner.id).setParameter(2, from).setParameter(3, to)
                .setParameter(4, subscriptionId == null ? "" : subscriptionId.toString()).executeUpdate();
        Log.infof("Partner %s: %d deliveries from %s to %s queued again", partner.id, queued, from, to);
        return queued;
    }
}
