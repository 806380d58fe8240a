package org.linli.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The idempotent receiving end, on real PostgreSQL: an event's effect and the record that it was seen commit
 * together, so a redelivery (even many at once) changes nothing, and a failed effect leaves no trace.
 */
@QuarkusTest
class InboxTest {

    private static final String DELIVERED = "meal.delivered.v1";

    @Inject
    Inbox inbox;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper mapper;

    record Delivered(String orderId) {
    }

    @Test
    void theSameEventDeliveredManyTimesAtOnceTakesEffectOnce() throws Exception {
        int deliveries = 8;
        ExecutorService threads = Executors.newFixedThreadPool(deliveries);
        try {
            for (int round = 0; round < 3; round++) {
                String consumer = "concurrent-" + UUID.randomUUID();
                String event = event(UUID.randomUUID().toString(), DELIVERED);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> receipts = new ArrayList<>();
                for (int i = 0; i < deliveries; i++) {
                    receipts.add(threads.submit(() -> {
                        start.await();
                        return inbox.receive(consumer, event, e -> {
                            record(consumer, e);
                            pause(100); // hold the transaction open while the other deliveries arrive
                        });
                    }));
                }
                start.countDown();
                int handled = 0;
                for (Future<Boolean> receipt : receipts) {
                    handled += receipt.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, handled, "exactly one delivery ran the handler");
                assertEquals(1, effects(consumer), "the effect happened once");
                assertEquals(1, remembered(consumer), "the event is remembered once");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void eachConsumerTakesItsOwnEffectOfOneEvent() {
        String event = event(UUID.randomUUID().toString(), DELIVERED);
        String points = "points-" + UUID.randomUUID();
        String residents = "residents-" + UUID.randomUUID();

        assertTrue(inbox.receive(points, event, e -> record(points, e)));
        assertTrue(inbox.receive(residents, event, e -> record(residents, e)));
        assertFalse(inbox.receive(points, event, e -> record(points, e)), "a redelivery changes nothing");

        assertEquals(1, effects(points));
        assertEquals(1, effects(residents));
    }

    @Test
    void aFailedEffectLeavesNoTraceAndTheRedeliveryTakesEffect() {
        String consumer = "failing-" + UUID.randomUUID();
        String event = event(UUID.randomUUID().toString(), DELIVERED);
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> inbox.receive(consumer, event, e -> {
            attempts.incrementAndGet();
            record(consumer, e);
            throw new IllegalStateException("the effect fails after writing");
        }));
        assertEquals(3, attempts.get(), "a failure that may pass is tried three times before the record is dead-lettered");
        assertEquals(0, effects(consumer), "every failed attempt was rolled back");
        assertEquals(0, remembered(consumer), "the event is not remembered, so a redelivery is handled");

        assertTrue(inbox.receive(consumer, event, e -> record(consumer, e)));
        assertEquals(1, effects(consumer));
    }

    @Test
    void aPassingFailureIsRetriedAndTakesEffectOnce() {
        String consumer = "passing-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();

        assertTrue(inbox.receive(consumer, event(UUID.randomUUID().toString(), DELIVERED), e -> {
            record(consumer, e);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("a lock timeout");
            }
        }));
        assertEquals(2, attempts.get());
        assertEquals(1, effects(consumer), "the failed attempt's effect was rolled back");
    }

    @Test
    void aPayloadThatDoesNotFitIsRefusedAtOnceWithoutRetries() {
        String consumer = "misfit-" + UUID.randomUUID();
        String event = TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/canteen-service", DELIVERED, "orders/1",
                "changshan-garden", Map.of("orderId", Map.of("not", "a string")));
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(MalformedEventException.class, () -> inbox.receive(consumer, event, e -> {
            attempts.incrementAndGet();
            e.dataAs(Delivered.class, mapper);
        }));
        assertEquals(1, attempts.get(), "retrying cannot make a malformed event fit");
        assertEquals(0, remembered(consumer));
    }

    @Test
    void aRecordThatIsNoEventIsRefusedBeforeAnyEffect() {
        String consumer = "malformed-" + UUID.randomUUID();
        AtomicInteger ran = new AtomicInteger();
        for (String value : new String[] { null, "", "not json", "{\"specversion\":\"1.0\"}" }) {
            assertThrows(MalformedEventException.class, () -> inbox.receive(consumer, value, e -> ran.incrementAndGet()));
        }
        assertEquals(0, ran.get());
        assertEquals(0, remembered(consumer));
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotReadIsPassedOverAndNotRemembered() {
        String consumer = "picky-" + UUID.randomUUID();
        String event = event(UUID.randomUUID().toString(), "meal.ordered.v1");

        assertFalse(inbox.receive(consumer, event, Set.of(DELIVERED), e -> record(consumer, e)));
        assertEquals(0, remembered(consumer), "nothing to remember: it changed nothing");

        assertTrue(inbox.receive(consumer, event, Set.of(DELIVERED, "meal.ordered.v1"), e -> record(consumer, e)),
                "a consumer that learns to read the type later still handles it");
        assertEquals(1, effects(consumer));
    }

    @Test
    void aRecordWhoseTypeHeaderTheConsumerDoesNotReadIsPassedOverWithoutParsingItsValue() {
        String consumer = "picky-" + UUID.randomUUID();
        // the header decides: the value is not even an event (it would be refused if it were parsed)
        assertFalse(inbox.receive(consumer, record("meal.ordered.v1", "not json at all"), Set.of(DELIVERED),
                e -> record(consumer, e)));
        assertEquals(0, remembered(consumer));

        String delivered = event(UUID.randomUUID().toString(), DELIVERED);
        assertTrue(inbox.receive(consumer, record(DELIVERED, delivered), Set.of(DELIVERED), e -> record(consumer, e)));
        assertTrue(inbox.receive(consumer, record(null, event(UUID.randomUUID().toString(), DELIVERED)), Set.of(DELIVERED),
                e -> record(consumer, e)), "a record without the header is decided on its value");
        assertFalse(inbox.receive(consumer, record(null, event(UUID.randomUUID().toString(), "meal.ordered.v1")),
                Set.of(DELIVERED), e -> record(consumer, e)));
        assertThrows(MalformedEventException.class, () -> inbox.receive(consumer, record(DELIVERED, "not json at all"),
                Set.of(DELIVERED), e -> record(consumer, e)), "a type the consumer reads is still checked on its value");
        assertEquals(2, effects(consumer));
    }

    private static org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record(String type, String value) {
        org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record =
                new org.apache.kafka.clients.consumer.ConsumerRecord<>("linli.canteen.events", 0, 0L, "key", value);
        if (type != null) {
            record.headers().add(Inbox.TYPE_HEADER, type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String event(String id, String type) {
        return TestEvents.cloudEvent(id, "/linli/canteen-service", type, "orders/" + id, "changshan-garden",
                Map.of("orderId", id));
    }

    /** The handler's effect, in the inbox's transaction. */
    private void record(String consumer, CloudEvent event) {
        entityManager.createNativeQuery("insert into handled_event (consumer, event_id) values (?1, ?2)")
                .setParameter(1, consumer).setParameter(2, event.id()).executeUpdate();
    }

    private long effects(String consumer) {
        return count("select count(*) from handled_event where consumer = ?1", consumer);
    }

    private long remembered(String consumer) {
        return count("select count(*) from inbox_event where consumer = ?1", consumer);
    }

    private long count(String sql, String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, consumer).getSingleResult()).longValue());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
