package org.linli.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linli.infra.Infrastructure;
import org.linli.infra.KafkaBrokerProcess;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.outbox.OutboxEvent;
import org.linli.resident.events.ResidentEvents;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox's promises, against the real broker: published iff committed, never lost in an outage, in order per key. */
@QuarkusTest
class OutboxGuaranteesTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;

    @Test
    void aRegistrationIsPublishedAsACloudEventKeyedByResidentWithoutPersonalData() throws Exception {
        TestCommunity community = TestCommunity.create();
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            String id = community.register(ResidentResourceTest.MS_ZHAO.replace("}",
                    ", \"phone\": \"13812345678\", \"nationalId\": \"" + IdNumbers.valid("22010319500314123") + "\"}"));

            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), 1, PATIENCE).get(0);
            CloudEvent event = CloudEvent.parse(record.value(), mapper);
            assertEquals("resident.registered.v1", event.type());
            assertEquals("/linli/resident-service", event.source());
            assertEquals("residents/" + id, event.subject());
            assertEquals(community.code(), event.communityId());
            assertEquals(community.district(), event.data().get("districtId").asText());
            assertEquals(community.unitId(), event.data().get("unitId").asText());
            assertEquals(id, event.data().get("residentId").asText());
            assertTrue(event.data().get("housebound").asBoolean());
            assertEquals("AGED_75_84", event.data().get("ageBand").asText());
            assertFalse(record.value().contains("赵"), "no name on the bus");
            assertFalse(record.value().contains("1950"), "no birth date on the bus");
            assertFalse(record.value().contains("13812345678"), "no phone on the bus");
            assertFalse(record.value().contains("220103"), "no ID number on the bus");
            assertEquals(0, event.data().get("dietaryNeeds").size(), "no dietary needs without consent to share them");
            assertFalse(event.data().has("chronicIllness"), "no health detail on the bus");
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        TestCommunity community = TestCommunity.create();
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            UUID[] doomed = { UUID.randomUUID() };
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    outbox.publish(new OutgoingEvent(ResidentEvents.TOPIC, ResidentEvents.REGISTERED, doomed[0].toString(),
                            "residents/" + doomed[0], community.code(), Map.of("residentId", doomed[0].toString())));
                    throw new IllegalStateException("the business transaction fails after writing its event");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            String committed = community.register(ResidentResourceTest.MS_ZHAO);

            topic.await(r -> committed.equals(r.key()), 1, PATIENCE);
            assertTrue(topic.during(Duration.ofSeconds(2), r -> doomed[0].toString().equals(r.key())).isEmpty(),
                    "the rolled-back registration never reaches Kafka");
            assertEquals(0L, QuarkusTransaction.requiringNew().call(
                    () -> OutboxEvent.count("recordKey", doomed[0].toString())));
        }
    }

    @Test
    void aBrokerOutageDelaysEventsAndLosesNoneAndKeepsTheirOrderPerKey() {
        Assumptions.assumeTrue(Infrastructure.shared().ownedBroker().isPresent(), "needs a broker this JVM can stop");
        KafkaBrokerProcess broker = Infrastructure.shared().ownedBroker().get();
        TestCommunity community = TestCommunity.create();
        String key = "aggregate-" + UUID.randomUUID();
        String sequenceTopic = "linli.test.sequence";
        try (TopicProbe residents = TopicProbe.tail(ResidentEvents.TOPIC);
                TopicProbe sequence = TopicProbe.tail(sequenceTopic)) {
            publishSequence(sequenceTopic, key, 0, 5);

            broker.stop();
            List<String> registeredDuringOutage = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    registeredDuringOutage.add(community.register(ResidentResourceTest.MS_ZHAO));
                }
                publishSequence(sequenceTopic, key, 5, 10);
                sleep(Duration.ofSeconds(3));
                long waiting = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("publishedAt is null"));
                assertTrue(waiting >= 8, "events wait in the outbox while the broker is down, found " + waiting);
            } finally {
                broker.start();
            }
            publishSequence(sequenceTopic, key, 10, 15);

            residents.await(r -> registeredDuringOutage.contains(r.key()), 3, PATIENCE);
            List<Integer> order = sequence.await(r -> key.equals(r.key()), 15, PATIENCE).stream()
                    .map(r -> CloudEvent.parse(r.value(), mapper).data().get("n").asInt())
                    .distinct().toList();
            assertEquals(java.util.stream.IntStream.range(0, 15).boxed().toList(), order,
                    "events about one aggregate arrive in the order they were committed");
        }
    }

    @Test
    void anEventTheBrokerKeepsRefusingIsParkedAndHoldsNoOtherBack() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodKey = "good-" + UUID.randomUUID();
        try (TopicProbe sequence = TopicProbe.tail("linli.test.sequence")) {
            QuarkusTransaction.requiringNew().run(() -> {
                // a topic name Kafka refuses outright, next to an ordinary event
                outbox.publish(new OutgoingEvent("not a valid topic!", "test.sequence.v1", poisonKey, "s", "c", Map.of("n", 0)));
                outbox.publish(new OutgoingEvent("linli.test.sequence", "test.sequence.v1", goodKey, "s", "c", Map.of("n", 1)));
            });
            sequence.await(r -> goodKey.equals(r.key()), 1, PATIENCE);
        }
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.count("recordKey = ?1 and parkedAt is not null", poisonKey)) == 1L);
        io.restassured.RestAssured.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'outbox' }.data.parked", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.delete("recordKey", poisonKey)); // leave the outbox healthy
    }

    private void publishSequence(String topic, String key, int from, int to) {
        for (int n = from; n < to; n++) {
            int value = n;
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(
                    new OutgoingEvent(topic, "test.sequence.v1", key, "sequence/" + key, "changshan-garden", Map.of("n", value))));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
