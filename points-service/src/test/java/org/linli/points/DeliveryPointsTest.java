package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.points.ledger.Posting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A volunteer who delivers a canteen meal earns the delivery points once per order, whatever Kafka does. */
@QuarkusTest
class DeliveryPointsTest {

    @Test
    void aDeliveryIsCreditedOnceHoweverOftenItArrives() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID order = UUID.randomUUID();
        String delivered = delivered(UUID.randomUUID().toString(), bank, order, volunteer);
        try (TopicProbe events = TopicProbe.tail(MoralBank.POINTS_TOPIC)) {
            TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(), delivered);
            TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(), delivered); // redelivered: same event id
            // republished by the canteen under a new event id: still the same order
            TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(),
                    delivered(UUID.randomUUID().toString(), bank, order, volunteer));
            events.await(r -> r.value().contains("points.awarded.v1") && r.value().contains(order.toString()), 1,
                    Duration.ofSeconds(30));
            UUID marker = UUID.randomUUID(); // a later order on the same partition key shows the others were consumed
            TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(), delivered(UUID.randomUUID().toString(), bank, marker, volunteer));
            events.await(r -> r.value().contains("points.awarded.v1") && r.value().contains(marker.toString()), 1,
                    Duration.ofSeconds(30));
            assertEquals(1, events.during(Duration.ZERO, r -> r.value().contains("points.awarded.v1")
                    && r.value().contains(order.toString())).size());
        }
        assertEquals(10, bank.points(volunteer)); // two orders at the default 5 points
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Posting.count("reference", "delivery:" + order)));
        bank.verifies();
    }

    @Test
    void staffDeliveriesEarnNothingAndAMovedOutVolunteersWalletIsFrozen() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        bank.earn(volunteer, elder);
        UUID staffOrder = UUID.randomUUID();
        Map<String, Object> byStaff = data(bank, staffOrder, null);
        TopicProbe.send(MoralBank.CANTEEN_TOPIC, staffOrder.toString(), TestEvents.cloudEvent(UUID.randomUUID().toString(),
                "/linli/canteen-service", "meal.delivered.v1", "orders/" + staffOrder, bank.community, byStaff));

        TopicProbe.send(MoralBank.RESIDENT_TOPIC, volunteer.toString(),
                TestEvents.resident("resident.moved-out.v1", volunteer, bank.community, Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(bank.worker).when()
                .get("/communities/{c}/volunteers/{v}/wallet", bank.community, volunteer)
                .then().statusCode(200).body("frozen", org.hamcrest.Matchers.equalTo(true)));
        UUID order = UUID.randomUUID();
        TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(), delivered(UUID.randomUUID().toString(), bank, order, volunteer));
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", volunteer.toString(), "type", "ERRAND", "beneficiaryId", elder.toString(),
                        "performedAt", OffsetDateTime.now().minusHours(1).toString(), "minutes", 20))
                .when().post("/communities/{c}/services", bank.community).then().statusCode(409);
        // the marker: a delivery by someone else after both, on the same key, shows both were consumed
        UUID other = bank.volunteer();
        UUID marker = UUID.randomUUID();
        TopicProbe.send(MoralBank.CANTEEN_TOPIC, order.toString(), delivered(UUID.randomUUID().toString(), bank, marker, other));
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.points(other) == 5);
        assertEquals(10, bank.points(volunteer));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Posting.count("reference in ?1",
                java.util.List.of("delivery:" + order, "delivery:" + staffOrder))));
    }

    static String delivered(String eventId, MoralBank bank, UUID order, UUID volunteer) {
        return TestEvents.cloudEvent(eventId, "/linli/canteen-service", "meal.delivered.v1", "orders/" + order, bank.community,
                data(bank, order, volunteer));
    }

    static Map<String, Object> data(MoralBank bank, UUID order, UUID volunteer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("dinerId", UUID.randomUUID().toString());
        data.put("communityId", bank.community);
        data.put("deliveredBy", Map.of("kind", volunteer == null ? "STAFF" : "VOLUNTEER",
                "id", volunteer == null ? "staff-wang" : volunteer.toString()));
        data.put("volunteerId", volunteer == null ? null : volunteer.toString());
        data.put("welfareCheck", "OK");
        data.put("deliveredAt", OffsetDateTime.now().toString());
        return data;
    }
}
