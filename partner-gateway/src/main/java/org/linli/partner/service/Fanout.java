package org.linli.partner.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.platform.events.CloudEvent;
import org.linli.platform.json.UtcTimestamps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;

/**
 * Turns one Linli event into a delivery for each subscription that covers it: the subscription wants the type, its
 * partner may receive the type, serves the event's community and is among the type's audience (the sponsor the event
 * names; for meals also the community's canteen operators; for a device alarm's care alert the device vendor whose
 * alarm raised it ({@link AlarmSenders}; an event read before the sender is recorded is held until then); for a closed
 * settlement the community's canteen operators, whole, and each sponsor it names, with its own part only). Runs in the
 * consumer's transaction (with the inbox record), so an event is fanned out once and a delivery exists only if the event
 * was taken; a delivery is unique per event and subscription besides.
 */
@ApplicationScoped
public class Fanout {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final AlarmSenders senders;

    Fanout(EntityManager entityManager, ObjectMapper mapper, AlarmSenders senders) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.senders = senders;
    }

    /** Returns how many deliveries were written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int accept(CloudEvent event, String key) {
        Optional<ObjectNode> data = WebhookCatalogue.partnerData(event.type(), event.data());
        if (data.isEmpty()) {
            return 0;
        }
        String community = event.communityId() != null ? event.communityId() : data.get().path("communityId").asText(null);
        if (community == null) {
            Log.debugf("%s %s names no community: no partner receives it", event.type(), event.id());
            return 0;
        }
        String alarmSender = "";
        if (WebhookCatalogue.audience(event.type()) == WebhookCatalogue.Audience.DEVICE_VENDOR) {
            Optional<UUID> alert = alertId(data.get());
            if (alert.isEmpty()) {
                return 0;
            }
            Optional<String> sender = senders.sender(alert.get());
            if (sender.isEmpty()) {
                // held with what partners may see only (no resident, household or grid), without its trace context
                senders.hold(alert.get(), new CloudEvent(event.id(), event.source(), event.type(), event.time(),
                        event.subject(), community, data.get()), key);
                Log.debugf("%s %s: the alarm's sender is not known (yet); held", event.type(), event.id());
                return 0;
            }
            alarmSender = sender.get();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> covering = entityManager.createNativeQuery("""
                select cast(s.id as varchar), s.partner_id, p.kind from subscription s join partner p on p.id = s.partner_id
                where cast(?1 as text) = any (s.event_types) and cast(?1 as text) = any (p.event_types)
                  and cast(?2 as text) = any (p.communities)
                  and case cast(?3 as text)
                        when 'SPONSOR' then p.id = any (string_to_array(cast(?4 as text), ','))
                        when 'CANTEEN_OR_SPONSOR' then p.kind = 'CANTEEN_OPERATOR'
                                                       or p.id = any (string_to_array(cast(?4 as text), ','))
                        when 'SETTLEMENT' then p.kind = 'CANTEEN_OPERATOR'
                                               or p.id = any (string_to_array(cast(?4 as text), ','))
                        when 'DEVICE_VENDOR' then p.kind = 'DEVICE_VENDOR' and p.id = cast(?5 as text)
                        else false end""")
                .setParameter(1, event.type()).setParameter(2, community)
                .setParameter(3, WebhookCatalogue.audience(event.type()).name())
                .setParameter(4, String.join(",", WebhookCatalogue.sponsors(event.type(), event.data()).stream()
                        .filter(id -> !id.contains(",")).toList()))
                .setParameter(5, alarmSender).getResultList();
        if (covering.isEmpty()) {
            return 0;
        }
        OffsetDateTime occurred = event.time() != null ? event.time() : OffsetDateTime.now();
        String shared = body(event, community, occurred, data.get());
        String eventKey = key != null && !key.isBlank() ? key : event.subject() != null ? event.subject() : event.id();
        int written = 0;
        for (Object[] row : covering) {
            Optional<ObjectNode> own = WebhookCatalogue.forRecipient(event.type(), data.get(), (String) row[1],
                    "CANTEEN_OPERATOR".equals(row[2]));
            if (own.isEmpty()) {
                continue;
            }
            String body = own.get() == data.get() ? shared : body(event, community, occurred, own.get());
            written += entityManager.createNativeQuery("""
                    insert into delivery (id, subscription_id, partner_id, event_id, event_type, event_key, community_id,
                                          occurred_at, body, status, attempts, next_attempt_at, created_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, now(), now())
                    on conflict (event_id, subscription_id) where replay_of is null do nothing""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, UUID.fromString((String) row[0]))
                    .setParameter(3, row[1]).setParameter(4, event.id()).setParameter(5, event.type())
                    .setParameter(6, truncate(eventKey, 200)).setParameter(7, community).setParameter(8, occurred)
                    .setParameter(9, body).executeUpdate();
        }
        Log.debugf("%s %s: %d deliveries", event.type(), event.id(), written);
        return written;
    }

    /**
     * The webhook body (Standard Webhooks' recommended shape): {@code type}, {@code timestamp} (when it happened),
     * the Linli {@code eventId} (the same in a replay), the {@code communityId} and the partner's {@code data}.
     */
    private String body(CloudEvent event, String community, OffsetDateTime occurred, ObjectNode data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", UtcTimestamps.format(occurred));
        body.put("eventId", event.id());
        body.put("communityId", community);
        body.set("data", data);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body of " + event.id(), e);
        }
    }

    private static Optional<UUID> alertId(ObjectNode data) {
        try {
            return Optional.of(UUID.fromString(data.path("alertId").asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
