package org.linli.infra;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Events as another service would put them on Kafka (CloudEvents 1.0, structured JSON), for consumer tests
 * that must not depend on the producing service's classes.
 */
public final class TestEvents {

    private TestEvents() {
    }

    /** A resident event as resident-service publishes it (see docs/asyncapi.yaml), with a fresh event id. */
    public static String resident(String type, UUID residentId, String communityId, Map<String, Object> attributes) {
        return resident(UUID.randomUUID().toString(), type, residentId, communityId, attributes);
    }

    public static String resident(String eventId, String type, UUID residentId, String communityId,
            Map<String, Object> attributes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("residentId", residentId.toString());
        data.put("communityId", communityId);
        data.put("ageBand", "AGED_75_84");
        data.put("aged60Plus", true);
        data.put("livesAlone", false);
        data.put("housebound", false);
        data.put("lowIncome", false);
        data.put("dietaryNeeds", java.util.List.of());
        data.putAll(attributes);
        return cloudEvent(eventId, "/linli/resident-service", type, "residents/" + residentId, communityId, data);
    }

    public static String cloudEvent(String id, String source, String type, String subject, String communityId,
            Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", source);
        envelope.put("type", type);
        envelope.put("time", OffsetDateTime.now().toString());
        envelope.put("subject", subject);
        envelope.put("communityid", communityId);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        return json(envelope);
    }

    private static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey().toString()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(TestEvents::json).collect(Collectors.joining(",", "[", "]"));
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
