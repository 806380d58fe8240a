package org.linli.partner.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event types a partner may receive, and for each one exactly which fields of the Linli event its webhook carries:
 * ids, codes, amounts and times, never a resident's id, a name, a phone number, an address, a note or a welfare check.
 * A field not listed here never leaves Linli, also when a producer adds one to its event later.
 */
public final class WebhookCatalogue {

    private static final List<String> PRICE = List.of("totalFen", "elderPaysFen", "subsidyFen", "sponsorFen", "sponsorId");
    private static final Set<String> DEVICE_ALARMS = Set.of("GAS_ALARM", "SMOKE_ALARM");

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
        DEVICE_VENDOR
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
