package org.linli.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.json.UtcTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** {@link Outbox#publish}: an event exists if and only if the transaction that wrote it commits. */
@QuarkusTest
class OutboxTest {

    static final String TOPIC = "linli.platform-test.outbox";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;

    @Test
    void anEventExistsIfAndOnlyIfItsTransactionCommits() {
        String doomed = "doomed-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        try (TopicProbe topic = TopicProbe.tail(TOPIC)) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(event(doomed, Map.of("n", 1)));
                throw new IllegalStateException("the business change fails after writing its event");
            }));
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(event(kept, Map.of("n", 2))));

            topic.await(r -> kept.equals(r.key()), 1, PATIENCE);
            assertTrue(topic.during(Duration.ofSeconds(1), r -> doomed.equals(r.key())).isEmpty(),
                    "the rolled-back event never reaches Kafka");
        }
        assertEquals(0L, rows(doomed), "nor is it kept anywhere");
        Awaitility.await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.count("recordKey = ?1 and publishedAt is not null", kept)) == 1L);
    }

    @Test
    void publishingNeedsTheCallersTransaction() {
        String orphan = "orphan-" + UUID.randomUUID();
        assertThrows(TransactionalException.class, () -> outbox.publish(event(orphan, Map.of("n", 1))));
        assertEquals(0L, rows(orphan));
    }

    @Test
    void theRecordIsACloudEventKeyedByItsAggregate() throws Exception {
        String key = "resident-" + UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("residentId", key);
        data.put("movedOutAt", OffsetDateTime.parse("2026-11-23T14:15+08:00"));
        try (TopicProbe topic = TopicProbe.tail(TOPIC)) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event(key, data)));

            ConsumerRecord<String, String> record = topic.await(r -> key.equals(r.key()), 1, PATIENCE).get(0);
            CloudEvent event = CloudEvent.parse(record.value(), mapper);
            assertEquals(id.toString(), event.id());
            assertEquals("/linli/platform-test", event.source());
            assertEquals("resident.moved-out.v1", event.type());
            assertEquals("residents/" + key, event.subject());
            assertEquals("changshan-garden", event.communityId());
            assertEquals("2026-11-23T06:15:00Z", event.data().get("movedOutAt").asText(),
                    "timestamps in the payload are written as the API writes them");
            assertEquals(CloudEvent.CONTENT_TYPE, header(record, "content-type"));
            assertEquals("resident.moved-out.v1", header(record, "ce_type"));

            String time = mapper.readTree(record.value()).get("time").asText();
            OutboxEvent row = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find("id", id)
                    .firstResult());
            assertNotNull(row);
            assertEquals(UtcTimestamps.format(row.occurredAt), time, "the event's time is when it was written");
            assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z"), time);
        }
    }

    private static OutgoingEvent event(String key, Object data) {
        return new OutgoingEvent(TOPIC, "resident.moved-out.v1", key, "residents/" + key, "changshan-garden", data);
    }

    private static long rows(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("recordKey", key));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
