package org.linli.platform.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.linli.platform.json.UtcTimestamps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as Linli puts it on Kafka: the record key is the
 * aggregate id, the value is this envelope. {@code communityid} is a CloudEvents extension attribute
 * that routes the event to its tenant. {@code data} carries ids and flags, never personal data. {@code time} is
 * written as every Linli timestamp is (RFC 3339 in UTC, seconds always, at most microseconds: {@link UtcTimestamps}).
 * {@code traceparent} and {@code tracestate} are the CloudEvents distributed-tracing extension: the W3C trace context
 * in which the event was published (optional), which consumers continue.
 */
public record CloudEvent(String id, String source, String type, OffsetDateTime time, String subject,
        String communityId, JsonNode data, String traceparent, String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** An event without trace context. */
    public CloudEvent(String id, String source, String type, OffsetDateTime time, String subject, String communityId,
            JsonNode data) {
        this(id, source, type, time, subject, communityId, data, null, null);
    }

    public String toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", SPEC_VERSION);
        node.put("id", id);
        node.put("source", source);
        node.put("type", type);
        if (time != null) {
            node.put("time", UtcTimestamps.format(time));
        }
        if (subject != null) {
            node.put("subject", subject);
        }
        if (communityId != null) {
            node.put("communityid", communityId);
        }
        if (traceparent != null) {
            node.put("traceparent", traceparent);
        }
        if (tracestate != null) {
            node.put("tracestate", tracestate);
        }
        node.put("datacontenttype", "application/json");
        node.set("data", data);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + id, e);
        }
    }

    /**
     * Reads an envelope; anything that is not a CloudEvents 1.0 JSON event (no value at all, not JSON, not an object,
     * another specversion, no id, source or type, a time that is not RFC 3339) is a {@link MalformedEventException}.
     */
    public static CloudEvent parse(String json, ObjectMapper mapper) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new MalformedEventException("specversion must be 1.0");
        }
        String time = text(node, "time");
        try {
            return new CloudEvent(required(node, "id"), required(node, "source"), required(node, "type"),
                    time == null ? null : OffsetDateTime.parse(time), text(node, "subject"), text(node, "communityid"),
                    node.path("data"), text(node, "traceparent"), text(node, "tracestate"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not an RFC 3339 timestamp");
        }
    }

    /**
     * The payload as the consumer's own view of it (unknown fields are ignored); an event with no data, or data that
     * does not fit, is a {@link MalformedEventException}.
     */
    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        if (data == null || data.isMissingNode() || data.isNull()) {
            throw new MalformedEventException(this.type + " " + id + " carries no data");
        }
        try {
            // events are read tolerantly: producers may add fields (the API, by contrast, rejects unknown fields)
            return mapper.reader().without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .forType(type).readValue(mapper.treeAsTokens(data));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + this.type + " " + id + " does not fit " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
