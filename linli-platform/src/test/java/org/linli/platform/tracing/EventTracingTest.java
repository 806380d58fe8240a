package org.linli.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.inbox.Inbox;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.outbox.OutboxEvent;
import org.linli.platform.testapp.TracedResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One trace from a request through the outbox and Kafka into a consumer, on the real PostgreSQL and Kafka: an event
 * published in a request carries that request's W3C trace context (the CloudEvents distributed-tracing extension, in
 * the envelope and as {@code ce_traceparent}); a consumer continues it, with the trace and the community in its log
 * lines; an event that consumer publishes carries the same trace on.
 */
@QuarkusTest
class EventTracingTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String COMMUNITY = "changshan-garden";

    @Inject
    Inbox inbox;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;

    @Test
    void anEventPublishedInARequestCarriesThatRequestsTraceOnTheKafkaRecord() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        try (TopicProbe topic = TopicProbe.tail(TracedResource.TOPIC)) {
            JsonNode answer = mapper.readTree(given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .when().post("/communities/" + COMMUNITY + "/traced-events")
                    .then().statusCode(200).extract().asString());
            assertEquals(traceId, answer.path("traceId").asText(), "the request continues its caller's trace");
            assertEquals(traceId, answer.path("loggedTraceId").asText(), "the request's log lines carry its trace id");
            assertEquals(COMMUNITY, answer.path("loggedCommunityId").asText(), "and its community, from the path");
            String key = answer.path("key").asText();

            ConsumerRecord<String, String> record = topic.await(r -> key.equals(r.key()), 1, PATIENCE).get(0);
            String carried = header(record, "ce_traceparent");
            assertNotNull(carried, "the record carries the distributed-tracing extension as a binary-mode header");
            assertEquals("00-" + traceId + "-" + answer.path("spanId").asText() + "-01", carried,
                    "the context of the request's own span, in which the event was published");
            CloudEvent event = CloudEvent.parse(record.value(), mapper);
            assertEquals(carried, event.traceparent(), "the envelope carries the same extension attribute");
            String transport = header(record, "traceparent");
            assertNotNull(transport, "the relay's send travels as the plain W3C header for the consumers' connector");
            assertTrue(transport.startsWith("00-" + traceId + "-"), transport);
            assertNotEquals(carried, transport, "the send is a span of its own, within the same trace");
        }
    }

    @Test
    void aRequestWithoutATraceStartsOneAndItsEventCarriesIt() throws Exception {
        try (TopicProbe topic = TopicProbe.tail(TracedResource.TOPIC)) {
            JsonNode answer = mapper.readTree(given().when().post("/communities/" + COMMUNITY + "/traced-events")
                    .then().statusCode(200).extract().asString());
            String traceId = answer.path("traceId").asText();
            assertTrue(traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"), "a new trace: " + traceId);
            String key = answer.path("key").asText();
            ConsumerRecord<String, String> record = topic.await(r -> key.equals(r.key()), 1, PATIENCE).get(0);
            assertTrue(header(record, "ce_traceparent").startsWith("00-" + traceId + "-"), header(record, "ce_traceparent"));
        }
    }

    @Test
    void aConsumerContinuesTheEventsTraceWithItsCommunityInTheLogAndPassesItOn() {
        String traceId = hex(16);
        String publisherSpan = hex(8);
        String key = "consumed-" + UUID.randomUUID();
        String event = new CloudEvent(UUID.randomUUID().toString(), "/linli/points-service", "service.confirmed.v1",
                OffsetDateTime.now(), null, COMMUNITY, mapper.valueToTree(Map.of("serviceId", key)),
                "00-" + traceId + "-" + publisherSpan + "-01", "linli=t61rcWkgMzE").toJson(mapper);
        AtomicReference<String> spanTrace = new AtomicReference<>();
        AtomicReference<String> spanId = new AtomicReference<>();
        AtomicReference<Object> loggedTrace = new AtomicReference<>();
        AtomicReference<Object> loggedCommunity = new AtomicReference<>();
        AtomicReference<java.util.UUID> published = new AtomicReference<>();

        assertTrue(inbox.receive("tracing-" + UUID.randomUUID(), event, e -> {
            spanTrace.set(Span.current().getSpanContext().getTraceId());
            spanId.set(Span.current().getSpanContext().getSpanId());
            loggedTrace.set(MDC.get("traceId"));
            loggedCommunity.set(MDC.get("communityId"));
            published.set(outbox.publish(new OutgoingEvent("linli.platform-test.traces", "platform-test.followed.v1", key,
                    null, COMMUNITY, Map.of("key", key))));
        }));

        assertEquals(traceId, spanTrace.get(), "the consumer's work is in the event's trace");
        assertNotEquals(publisherSpan, spanId.get(), "in a span of its own, a child of the publisher's");
        assertEquals(traceId, loggedTrace.get(), "its log lines carry the trace id");
        assertEquals(COMMUNITY, loggedCommunity.get(), "and the event's community");
        assertNull(MDC.get("communityId"), "the community leaves the thread's log context with the event");
        assertTrue(!Span.current().getSpanContext().isValid(), "so does the span");
        OutboxEvent next = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find("id", published.get())
                .firstResult());
        assertEquals("00-" + traceId + "-" + spanId.get() + "-01", next.traceparent,
                "an event the consumer publishes carries the same trace on, from the consumer's span");
        assertEquals("linli=t61rcWkgMzE", next.tracestate, "with the trace state");
    }

    @Test
    void anEventWithoutTraceContextIsHandledInATraceOfItsOwn() {
        String event = new CloudEvent(UUID.randomUUID().toString(), "/linli/points-service", "service.confirmed.v1",
                OffsetDateTime.now(), null, COMMUNITY, mapper.valueToTree(Map.of("serviceId", "x"))).toJson(mapper);
        AtomicReference<String> spanTrace = new AtomicReference<>();
        inbox.receive("tracing-" + UUID.randomUUID(), event,
                e -> spanTrace.set(Span.current().getSpanContext().getTraceId()));
        assertTrue(spanTrace.get().matches("[0-9a-f]{32}") && !spanTrace.get().matches("0+"), spanTrace.get());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(random);
    }
}
