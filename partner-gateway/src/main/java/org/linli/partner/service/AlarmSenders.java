package org.linli.partner.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.platform.events.CloudEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which device vendor sent the alarm that raised a care alert, so that the alert's webhooks (raised, acknowledged,
 * resolved) go to that vendor only. {@link InboundAlarms} records the sender with the alert id resident-service
 * answered; {@link Fanout} looks it up. resident-service's event may be read before the gateway's transaction that
 * records the sender has committed: such an event is held and fanned out when the sender is recorded. Both sides take
 * the same transaction-scoped advisory lock on the alert id, so one of them always sees the other's row.
 */
@ApplicationScoped
public class AlarmSenders {

    /** An event held until its alert's sender is known. */
    public record Held(CloudEvent event, String key) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    AlarmSenders(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** The vendor whose alarm raised the alert, if one did through the gateway (locks the alert id until commit). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> sender(UUID alertId) {
        lock(alertId);
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery("select partner_id from alarm_sender where alert_id = ?1")
                .setParameter(1, alertId).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Keeps an event of an alert whose sender is not known (yet); the same event twice is held once. The caller holds
     * the event with the data a partner may see, never resident-service's whole event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(UUID alertId, CloudEvent event, String key) {
        entityManager.createNativeQuery("""
                insert into held_alert_event (event_id, alert_id, event_key, event, held_at) values (?1, ?2, ?3, ?4, now())
                on conflict (event_id) do nothing""")
                .setParameter(1, event.id()).setParameter(2, alertId).setParameter(3, key)
                .setParameter(4, event.toJson(mapper)).executeUpdate();
    }

    /**
     * Records that {@code partnerId}'s alarm raised the alert (once: an alert has one sender, since the gateway prefixes
     * alarm ids with the vendor) and answers, in the order they were read, the events held for it, no longer held.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Held> record(UUID alertId, String partnerId) {
        lock(alertId);
        entityManager.createNativeQuery("""
                insert into alarm_sender (alert_id, partner_id, recorded_at) values (?1, ?2, now())
                on conflict (alert_id) do nothing""").setParameter(1, alertId).setParameter(2, partnerId).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with released as (delete from held_alert_event where alert_id = ?1 returning event, event_key, held_at)
                select event, event_key from released order by held_at""")
                .setParameter(1, alertId).getResultList();
        return rows.stream().map(row -> new Held(CloudEvent.parse((String) row[0], mapper), (String) row[1])).toList();
    }

    private void lock(UUID alertId) {
        entityManager.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(?1)) as varchar)")
                .setParameter(1, "alarm-sender:" + alertId).getSingleResult();
    }
}
