package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;

/** Redelivered, malformed, unknown and newer events: counted once, dead-lettered, or kept aside; the stream goes on. */
@QuarkusTest
class EventFaultsTest {

    static final String DLQ = "linli.dashboard-service.dlq";

    @Test
    void anEventDeliveredThreeTimesCountsOnce() {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        UUID elder = d.resident(community, "AGED_75_84", true, false, true, false, null);
        String served = TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/canteen-service", "meal.served.v1",
                null, community, Map.of("orderId", UUID.randomUUID().toString(), "dinerId", elder.toString(),
                        "communityId", community, "mealDate", TestDistrict.today().toString(), "meal", "LUNCH",
                        "servedAt", java.time.OffsetDateTime.now().toString(), "price", Map.of("totalFen", 1500,
                                "elderPaysFen", 700, "subsidyFen", 800, "sponsorFen", 0)));
        for (int i = 0; i < 3; i++) {
            TopicProbe.send("linli.canteen.events", elder.toString(), served);
        }
        d.lunch(community, elder, TestDistrict.today(), "SERVED", null); // a marker: once it shows, all before it did
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(community))
                .get("/communities/{c}/figures", community).then().statusCode(200)
                .body("totals.'meals.ordered'", equalTo(1)));
        TestDistrict.as(d.worker(community)).get("/communities/{c}/figures", community).then()
                .body("totals.'meals.served'", equalTo(2)).body("totals.'fen.elder'", equalTo(1400));
    }

    @Test
    void aMalformedRecordAndAnUnknownTypeGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        String unknownType = TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/elsewhere", "parcel.dropped.v1",
                null, community, Map.of("communityId", community));
        String badPayload = TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/canteen-service",
                "meal.ordered.v1", null, community, Map.of("communityId", community, "mealDate", "not-a-date"));
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = TopicProbe.tail(DLQ)) {
            TopicProbe.sendRaw("linli.canteen.events", key, "{not json");
            TopicProbe.send("linli.canteen.events", key, unknownType);
            TopicProbe.send("linli.canteen.events", key, badPayload);
            d.resident(community, "AGED_60_74", true, false, false, false, null);
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 3, TestDistrict.PATIENCE);
            assertEquals(3, dead.size());
            List<String> reasons = dead.stream().map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).toList();
            assertTrue(reasons.get(0).contains("JSON"), reasons.toString());
            assertTrue(reasons.get(1).contains("unknown event type parcel.dropped.v1"), reasons.toString());
            assertTrue(reasons.get(2).contains("mealDate"), reasons.toString());
            assertEquals("linli.canteen.events", new String(dead.get(0).headers().lastHeader("dead-letter-topic").value(),
                    StandardCharsets.UTF_8));
        }
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(community))
                .get("/communities/{c}/figures", community).then().statusCode(200)
                .body("totals.residents", equalTo(1)).body("totals.'meals.ordered'", equalTo(0)));
    }

    @Test
    void aNewerVersionOfAKnownEventIsKeptAsideAndReported() {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        String id = UUID.randomUUID().toString();
        String v2 = TestEvents.cloudEvent(id, "/linli/canteen-service", "meal.served.v2", null, community,
                Map.of("communityId", community, "mealDate", TestDistrict.today().toString(), "plates", 2));
        try (TopicProbe dlq = TopicProbe.tail(DLQ)) {
            TopicProbe.send("linli.canteen.events", id, v2);
            await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(TestDistrict.operator())
                    .get("/admin/held-events").then().statusCode(200).body("eventId", hasItem(id))
                    .body("find { it.eventId == '" + id + "' }.type", equalTo("meal.served.v2")));
            assertTrue(dlq.during(Duration.ofSeconds(1), r -> id.equals(r.key())).isEmpty(), "held, not dead-lettered");
        }
        TestDistrict.as(d.officer()).get("/admin/held-events").then().statusCode(403);
    }
}
