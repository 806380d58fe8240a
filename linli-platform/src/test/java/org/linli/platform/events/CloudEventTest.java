package org.linli.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The envelope on every Linli topic: what the relay writes reads back the same, and any record that is not a
 * CloudEvents 1.0 JSON event is refused as malformed (the channel dead-letters it) and never crashes the consumer.
 */
class CloudEventTest {

    private final ObjectMapper mapper = new ObjectMapper();

    record Delivered(String orderId, boolean concern) {
    }

    @Test
    void anEventReadsBackAsItWasWritten() throws Exception {
        JsonNode data = mapper.readTree("{\"orderId\":\"o-1\",\"concern\":true}");
        CloudEvent event = new CloudEvent("e-1", "/linli/canteen-service", "meal.delivered.v1",
                OffsetDateTime.parse("2026-11-23T14:15:00.458123+08:00"), "orders/o-1", "changshan-garden", data);

        CloudEvent read = CloudEvent.parse(event.toJson(mapper), mapper);

        assertEquals(event.id(), read.id());
        assertEquals(event.source(), read.source());
        assertEquals(event.type(), read.type());
        assertEquals(event.subject(), read.subject());
        assertEquals(event.communityId(), read.communityId());
        assertEquals(data, read.data());
        assertEquals(event.time().toInstant(), read.time().toInstant());
        assertEquals(new Delivered("o-1", true), read.dataAs(Delivered.class, mapper));
    }

    @Test
    void theTimeAttributeIsRfc3339InUtcWithItsSeconds() throws Exception {
        CloudEvent event = new CloudEvent("e-1", "/s", "a.b.v1", OffsetDateTime.parse("2026-11-23T14:15+08:00"), null,
                null, mapper.createObjectNode());
        JsonNode json = mapper.readTree(event.toJson(mapper));
        assertEquals("2026-11-23T06:15:00Z", json.get("time").asText());
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertFalse(json.has("subject"), "an absent subject is left out, not null");
        assertFalse(json.has("communityid"));
    }

    @Test
    void anEventWithoutTimeIsWrittenAndReadWithoutIt() {
        CloudEvent event = new CloudEvent("e-1", "/s", "a.b.v1", null, null, null, mapper.createObjectNode());
        String json = event.toJson(mapper);
        assertFalse(json.contains("\"time\""));
        assertNull(CloudEvent.parse(json, mapper).time());
    }

    @Test
    void anUnknownAttributeIsIgnored() {
        CloudEvent event = CloudEvent.parse(envelope("\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"a.b.v1\","
                + "\"dataschema\":\"https://linli.dev/schemas/x\",\"data\":{}"), mapper);
        assertEquals("e-1", event.id());
    }

    static Stream<Arguments> malformedRecords() {
        String valid = "\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"a.b.v1\"";
        return Stream.of(
                Arguments.of("no value at all", null),
                Arguments.of("an empty value", ""),
                Arguments.of("only blanks", "   "),
                Arguments.of("not JSON", "delivered order o-1"),
                Arguments.of("JSON cut short", "{\"specversion\":\"1.0\","),
                Arguments.of("the JSON null", "null"),
                Arguments.of("a JSON array", "[" + envelope(valid) + "]"),
                Arguments.of("a JSON string", "\"meal.delivered.v1\""),
                Arguments.of("a JSON number", "42"),
                Arguments.of("no specversion", "{" + valid + "}"),
                Arguments.of("another specversion", "{\"specversion\":\"0.3\"," + valid + "}"),
                Arguments.of("a null specversion", "{\"specversion\":null," + valid + "}"),
                Arguments.of("no id", envelope("\"source\":\"/s\",\"type\":\"a.b.v1\"")),
                Arguments.of("a null id", envelope("\"id\":null,\"source\":\"/s\",\"type\":\"a.b.v1\"")),
                Arguments.of("a blank id", envelope("\"id\":\"  \",\"source\":\"/s\",\"type\":\"a.b.v1\"")),
                Arguments.of("an id that is an object", envelope("\"id\":{},\"source\":\"/s\",\"type\":\"a.b.v1\"")),
                Arguments.of("no source", envelope("\"id\":\"e-1\",\"type\":\"a.b.v1\"")),
                Arguments.of("no type", envelope("\"id\":\"e-1\",\"source\":\"/s\"")),
                Arguments.of("a time that is no time", envelope(valid + ",\"time\":\"yesterday\"")),
                Arguments.of("a date without a time", envelope(valid + ",\"time\":\"2026-11-23\"")),
                Arguments.of("a time without an offset", envelope(valid + ",\"time\":\"2026-11-23T06:15:00\"")),
                Arguments.of("a time as a number", envelope(valid + ",\"time\":1795414500")),
                Arguments.of("an empty time", envelope(valid + ",\"time\":\"\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void aRecordThatIsNoCloudEventIsMalformedNeverACrash(String what, String value) {
        assertThrows(MalformedEventException.class, () -> CloudEvent.parse(value, mapper), what);
    }

    @Test
    void anEventWithoutDataCannotBeReadAsAPayload() {
        CloudEvent missing = CloudEvent.parse(envelope("\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"a.b.v1\""), mapper);
        CloudEvent nulled = CloudEvent.parse(envelope("\"id\":\"e-2\",\"source\":\"/s\",\"type\":\"a.b.v1\",\"data\":null"),
                mapper);
        assertThrows(MalformedEventException.class, () -> missing.dataAs(Delivered.class, mapper));
        assertThrows(MalformedEventException.class, () -> nulled.dataAs(Delivered.class, mapper));
    }

    @Test
    void aPayloadThatDoesNotFitIsMalformedAndAnExtraFieldIsNot() {
        CloudEvent wrong = CloudEvent.parse(envelope("\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"a.b.v1\","
                + "\"data\":{\"orderId\":\"o-1\",\"concern\":{\"nested\":1}}"), mapper);
        CloudEvent extra = CloudEvent.parse(envelope("\"id\":\"e-2\",\"source\":\"/s\",\"type\":\"a.b.v1\","
                + "\"data\":{\"orderId\":\"o-1\",\"concern\":false,\"addedLater\":7}"), mapper);
        assertThrows(MalformedEventException.class, () -> wrong.dataAs(Delivered.class, mapper));
        assertEquals(new Delivered("o-1", false), extra.dataAs(Delivered.class, mapper));
    }

    private static String envelope(String attributes) {
        return "{\"specversion\":\"1.0\"," + attributes + "}";
    }
}
