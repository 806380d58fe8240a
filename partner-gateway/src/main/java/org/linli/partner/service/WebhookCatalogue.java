package org.linli.partner.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event types a partner may receive, and for each one exactly which fields of the Linli event its webhook carries:
 * ids, codes, amounts and times, never a resident's id, a name, a phone number, an address, a note or a welfare check.
 * A field not listed here never leaves Linli, also when a producer adds one to its event later.
 */
public final class WebhookCatalogue {

    private static final List<String> PRICE = List.of("totalFen", "elderPaysFen", "subsidyFen", "sponsorFen", "sponsorId");
    private static final List<String> SPONSOR_PART = List.of("sponsorId", "meals", "sponsorFen");
    private static final Set<String> DEVICE_ALARMS = Set.of("GAS_ALARM", "SMOKE_ALARM");
    /** What a sponsor receives of a closed settlement besides its own entry of {@code sponsors}: no amount of others. */
    private static final List<String> SETTLEMENT_FOR_SPONSOR = List.of("communityId", "period", "kind", "from", "to",
            "meals", "closedAt");

    /**
     * Which of the partners serving the event's community may receive an event of a type: the sponsor it names (a
     * redemption of a reward the bank sponsors), a community's canteen operator or a meal's sponsor, a device vendor.
     */
    public enum Audience {
        /** Only the partner the event names as sponsor ({@code sponsorId}). */
        SPONSOR,
        /** Canteen operators serving the community, and the partner sponsoring the meal ({@code price.sponsorId}). */
        CANTEEN_OR_SPONSOR,
        /** Device vendors serving the community. */
        DEVICE_VENDOR,
        /**
         * Canteen operators serving the community receive the whole settlement; each sponsor it names in
         * {@code sponsors} receives its own part only (see {@link #forRecipient}).
         */
        SETTLEMENT
    }

    /** The fields a partner receives of one event type, and which events of that type go to partners at all. */
    private record Shape(String topic, String description, List<String> fields, Predicate<JsonNode> passes,
            Audience audience) {
    }

    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("points.redeemed.v1", new Shape("linli.points.events",
                "A volunteer spent points on a reward; sponsorId names the partner that fulfils it.",
                List.of("redemptionId", "rewardId", "sponsorId", "communityId", "points", "redeemedAt"), data -> true,
                Audience.SPONSOR));
        SHAPES.put("redemption.handed-over.v1", new Shape("linli.points.events",
                "A redeemed reward was handed over at the exchange counter.",
                List.of("redemptionId", "rewardId", "sponsorId", "communityId", "points", "handedOverAt"), data -> true,
                Audience.SPONSOR));
        SHAPES.put("meal.served.v1", new Shape("linli.canteen.events",
                "A dine-in meal was served at the counter, with its price breakdown in fen.",
                List.of("orderId", "communityId", "mealDate", "meal", "servedAt", "price"), data -> true,
                Audience.CANTEEN_OR_SPONSOR));
        SHAPES.put("meal.delivered.v1", new Shape("linli.canteen.events",
                "A meal was delivered to an elder's home, with its price breakdown in fen.",
                List.of("orderId", "communityId", "mealDate", "runId", "deliveredAt", "price"), data -> true,
                Audience.CANTEEN_OR_SPONSOR));
        SHAPES.put("settlement.closed.v1", new Shape("linli.canteen.events",
                "A canteen's day (kind DAY, period 2026-11-30; closed at 02:00 the next day) or month (MONTH, 2026-11) was "
                        + "closed with its settlement in fen. Canteen operators receive all of it; a sponsor receives "
                        + "communityId, period, kind, from, to, meals, closedAt and its own entry of sponsors only.",
                List.of("communityId", "period", "kind", "from", "to", "meals", "dineIn", "delivered", "missedDeliveries",
                        "totalFen", "elderPaidFen", "subsidyFen", "sponsorFen", "sponsors", "closedAt"), data -> true,
                Audience.SETTLEMENT));
        SHAPES.put("care-alert.raised.v1", new Shape("linli.resident.care-alerts",
                "A gas or smoke alarm raised a care alert (other causes never reach partners).",
                List.of("alertId", "communityId", "cause", "raisedAt"), WebhookCatalogue::deviceAlarm,
                Audience.DEVICE_VENDOR));
        SHAPES.put("care-alert.acknowledged.v1", new Shape("linli.resident.care-alerts",
                "Someone took a gas or smoke alarm's care alert on.",
                List.of("alertId", "communityId", "cause", "raisedAt", "acknowledgedAt"), WebhookCatalogue::deviceAlarm,
                Audience.DEVICE_VENDOR));
        SHAPES.put("care-alert.resolved.v1", new Shape("linli.resident.care-alerts",
                "A gas or smoke alarm's care alert was resolved.",
                List.of("alertId", "communityId", "cause", "raisedAt", "acknowledgedAt", "resolvedAt"),
                WebhookCatalogue::deviceAlarm, Audience.DEVICE_VENDOR));
    }

    /** One entry of the catalogue, as the API lists it. */
    public record EventType(String type, String description, List<String> fields, Audience audience) {
    }

    private WebhookCatalogue() {
    }

    public static Set<String> types() {
        return SHAPES.keySet();
    }

    public static boolean knows(String type) {
        return SHAPES.containsKey(type);
    }

    public static List<EventType> entries() {
        return SHAPES.entrySet().stream()
                .map(e -> new EventType(e.getKey(), e.getValue().description(), e.getValue().fields(), e.getValue().audience()))
                .toList();
    }

    /**
     * What a partner receives of this event's data, or empty when the event does not go to partners (an unknown type, a
     * care alert that is not a device alarm).
     */
    public static Optional<ObjectNode> partnerData(String type, JsonNode data) {
        Shape shape = SHAPES.get(type);
        if (shape == null || data == null || !data.isObject() || !shape.passes().test(data)) {
            return Optional.empty();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : shape.fields()) {
            JsonNode value = data.get(field);
            if (field.equals("price")) {
                if (value != null && value.isObject()) {
                    ObjectNode price = out.putObject("price");
                    PRICE.forEach(part -> copyScalar(value, part, price));
                }
            } else if (field.equals("sponsors")) {
                ArrayNode sponsors = out.putArray("sponsors");
                if (value != null && value.isArray()) {
                    value.forEach(sponsor -> {
                        if (sponsor.isObject()) {
                            ObjectNode part = sponsors.addObject();
                            SPONSOR_PART.forEach(f -> copyScalar(sponsor, f, part));
                        }
                    });
                }
            } else {
                copyScalar(data, field, out);
            }
        }
        return Optional.of(out);
    }

    /** Who among the community's partners may receive this type (null for a type partners never receive). */
    public static Audience audience(String type) {
        Shape shape = SHAPES.get(type);
        return shape == null ? null : shape.audience();
    }

    /** The partner an event names as its sponsor ({@code sponsorId}, or a meal's {@code price.sponsorId}), or "". */
    public static String sponsor(JsonNode data) {
        JsonNode sponsor = data.hasNonNull("sponsorId") ? data.get("sponsorId") : data.path("price").path("sponsorId");
        return sponsor.isValueNode() && !sponsor.isNull() ? sponsor.asText() : "";
    }

    /**
     * Every partner an event names as a sponsor: the one of {@link #sponsor}, or for a settlement each
     * {@code sponsors[].sponsorId}.
     */
    public static List<String> sponsors(String type, JsonNode data) {
        if (audience(type) == Audience.SETTLEMENT) {
            List<String> ids = new java.util.ArrayList<>();
            data.path("sponsors").forEach(s -> {
                JsonNode id = s.path("sponsorId");
                if (id.isTextual() && !id.asText().isBlank()) {
                    ids.add(id.asText());
                }
            });
            return ids;
        }
        String sponsor = sponsor(data);
        return sponsor.isEmpty() ? List.of() : List.of(sponsor);
    }

    /**
     * What one partner receives of the partner data of an event ({@link #partnerData}): the same for everyone, except a
     * settlement, which a canteen operator receives whole and a sponsor as its part only — the period, the canteen's
     * meal count and its own entry of {@code sponsors}, never another sponsor's entry nor amounts from which other
     * sponsors' shares would follow (totalFen, elderPaidFen, subsidyFen, sponsorFen). Empty when the partner is
     * neither.
     */
    public static Optional<ObjectNode> forRecipient(String type, ObjectNode partnerData, String partnerId,
            boolean canteenOperator) {
        if (audience(type) != Audience.SETTLEMENT || canteenOperator) {
            return Optional.of(partnerData);
        }
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        SETTLEMENT_FOR_SPONSOR.forEach(field -> copyScalar(partnerData, field, part));
        ArrayNode own = part.putArray("sponsors");
        partnerData.path("sponsors").forEach(s -> {
            if (partnerId.equals(s.path("sponsorId").asText(null))) {
                own.add(s.deepCopy());
            }
        });
        return own.isEmpty() ? Optional.empty() : Optional.of(part);
    }

    private static void copyScalar(JsonNode from, String field, ObjectNode to) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            to.putNull(field);
        } else if (value.isValueNode()) {
            to.set(field, value);
        } // an object or array where a scalar belongs is not copied
    }

    private static boolean deviceAlarm(JsonNode data) {
        return DEVICE_ALARMS.contains(data.path("cause").asText());
    }
}
