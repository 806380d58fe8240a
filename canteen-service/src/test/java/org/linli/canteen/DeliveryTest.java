package org.linli.canteen;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.canteen.events.CanteenEvents;
import org.linli.infra.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Lunch to the door with a welfare check: runs by building and unit, a deliverer's own run only, once per order. */
@QuarkusTest
class DeliveryTest {

    static final LocalDate DAY = TestCanteen.tomorrow();
    static final ObjectMapper JSON = new ObjectMapper();
    /** UTC, seconds always, at most microseconds: what PostgreSQL stores. */
    static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z";

    @Test
    void aRunGoesDoorToDoorByBuildingAndUnitAndAVolunteerSeesOnlyTheirOwnRun() {
        TestCanteen canteen = TestCanteen.create();
        UUID buildingA = new UUID(0, 1);
        UUID buildingB = new UUID(0, 2);
        UUID unit1 = new UUID(0, 11);
        UUID unit2 = new UUID(0, 12);
        UUID b2u1 = canteen.housebound(Map.of("buildingId", buildingB.toString(), "unitId", unit1.toString()));
        UUID a1u2 = canteen.housebound(Map.of("buildingId", buildingA.toString(), "unitId", unit2.toString(),
                "dietaryNeeds", List.of("LOW_SALT")));
        UUID a1u1 = canteen.housebound(Map.of("buildingId", buildingA.toString(), "unitId", unit1.toString()));
        UUID elsewhere = canteen.housebound(Map.of());
        String o1 = canteen.order(b2u1, DAY, "DELIVERY");
        String o2 = canteen.order(a1u2, DAY, "DELIVERY");
        String o3 = canteen.order(a1u1, DAY, "DELIVERY");
        String o4 = canteen.order(elsewhere, DAY, "DELIVERY");
        canteen.order(canteen.diner(), DAY, "DINE_IN");

        UUID volunteer = UUID.randomUUID();
        JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id",
                volunteer.toString()), "buildingIds", List.of(buildingA, buildingB)))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).extract().jsonPath();
        assertEquals(List.of(o3, o2, o1), run.getList("stops.orderId"), "building A unit 1, A unit 2, then B");
        String runId = run.getString("id");
        String staffRun = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).body("stops.orderId", contains(o4)).extract().path("id");
        canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(409);
        canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id", "not-a-resident")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(400);

        String mine = canteen.volunteer(volunteer);
        canteen.as(mine).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), runId)
                .then().statusCode(200).body("stops", hasSize(3))
                .body("stops[1].dietaryNeeds", contains("LOW_SALT"))
                .body("stops[0].keySet()", equalTo(Set.of("stopId", "sequence", "orderId", "dinerId", "buildingId",
                        "unitId", "dietaryNeeds", "welfareCheck", "recordedAt", "note")))
                .body("stops.dinerId", contains(a1u1.toString(), a1u2.toString(), b2u1.toString()))
                .body("stops[0].note", nullValue());
        canteen.as(mine).when().get("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(200).body("id", contains(runId));
        canteen.as(mine).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), staffRun).then().statusCode(404);
        String stranger = canteen.volunteer(UUID.randomUUID());
        canteen.as(stranger).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), runId).then().statusCode(404);
        canteen.as(stranger).body(Map.of("welfareCheck", "OK")).when().post(
                "/communities/{c}/delivery-runs/{r}/stops/{s}/outcome", canteen.code(), runId, run.getString("stops[0].stopId"))
                .then().statusCode(404);
        canteen.as(stranger).when().get("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(200).body("size()", equalTo(0));
        canteen.as(canteen.elder(a1u1)).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), runId)
                .then().statusCode(403);
        TestCanteen other = TestCanteen.create();
        other.as(other.staff()).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), runId).then().statusCode(404);
    }

    @Test
    void planningARunPublishesItsStopsAsIdsOnly() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        UUID first = canteen.housebound(Map.of("buildingId", new UUID(0, 1).toString(), "unitId", new UUID(0, 11).toString(),
                "dietaryNeeds", List.of("LOW_SALT")));
        UUID second = canteen.housebound(Map.of("buildingId", new UUID(0, 2).toString(), "unitId", new UUID(0, 21).toString()));
        canteen.order(first, DAY, "DELIVERY");
        canteen.order(second, DAY, "DELIVERY");
        UUID volunteer = UUID.randomUUID();
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id",
                    volunteer.toString()))).when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                    .then().statusCode(201).body("stops.dinerId", contains(first.toString(), second.toString()))
                    .extract().jsonPath();
            String runId = run.getString("id");

            ConsumerRecord<String, String> record = topic.await(r -> runId.equals(r.key())
                    && r.value().contains(CanteenEvents.DELIVERY_RUN_PLANNED), 1, TestCanteen.PATIENCE).get(0);
            JsonNode envelope = JSON.readTree(record.value());
            assertEquals("delivery-runs/" + runId, envelope.get("subject").asText());
            assertEquals(canteen.code(), envelope.get("communityid").asText());
            JsonNode planned = envelope.get("data");
            assertEquals(Set.of("runId", "communityId", "date", "delivererKind", "delivererId", "stops"),
                    fieldNames(planned), "ids only");
            assertEquals(runId, planned.get("runId").asText());
            assertEquals(canteen.code(), planned.get("communityId").asText());
            assertEquals(DAY.toString(), planned.get("date").asText());
            assertEquals("VOLUNTEER", planned.get("delivererKind").asText());
            assertEquals(volunteer.toString(), planned.get("delivererId").asText());
            JsonNode stops = planned.get("stops");
            assertEquals(2, stops.size());
            for (int i = 0; i < 2; i++) {
                assertEquals(Set.of("stopId", "sequence", "residentId"), fieldNames(stops.get(i)));
                assertEquals(run.getString("stops[" + i + "].stopId"), stops.get(i).get("stopId").asText());
                assertEquals(i + 1, stops.get(i).get("sequence").asInt());
            }
            assertEquals(List.of(first.toString(), second.toString()),
                    List.of(stops.get(0).get("residentId").asText(), stops.get(1).get("residentId").asText()));
            String value = record.value().toLowerCase(java.util.Locale.ROOT);
            for (String personal : List.of("name", "phone", "door", "buildingid", "unitid", "address", "dietary", "low_salt")) {
                assertFalse(value.contains(personal), "no " + personal + " in " + record.value());
            }
        }
    }

    @Test
    void eachDoorIsRecordedOnceAndItsEventCarriesNoNote() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        canteen.priceRules(Map.of("mealPriceFen", 1500, "ageBandSubsidyFen", Map.of("AGED_75_84", 500),
                "sponsor", Map.of("id", "rural-commercial-bank", "shareFen", 300)));
        UUID ok = canteen.housebound(Map.of("buildingId", new UUID(0, 1).toString()));
        UUID worrying = canteen.housebound(Map.of("buildingId", new UUID(0, 2).toString()));
        UUID silent = canteen.housebound(Map.of("buildingId", new UUID(0, 3).toString()));
        String okOrder = canteen.order(ok, DAY, "DELIVERY");
        String concernOrder = canteen.order(worrying, DAY, "DELIVERY");
        String missedOrder = canteen.order(silent, DAY, "DELIVERY");
        UUID volunteer = UUID.randomUUID();
        JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id",
                volunteer.toString()))).when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).extract().jsonPath();
        String runId = run.getString("id");
        String path = "/communities/{c}/delivery-runs/{r}/stops/{s}/outcome";
        String deliverer = canteen.volunteer(volunteer);
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            List<String> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) { // a retried confirmation answers the same and changes nothing
                answers.add(canteen.as(deliverer).body(Map.of("welfareCheck", "OK")).when()
                        .post(path, canteen.code(), runId, run.getString("stops[0].stopId"))
                        .then().statusCode(200).body("welfareCheck", equalTo("OK")).body("orderId", equalTo(okOrder))
                        .body("recordedAt", matchesPattern(RFC_3339_UTC)).extract().asString());
            }
            assertEquals(answers.get(0), answers.get(1), "the retry answers what the first call stored, to the byte");
            canteen.as(deliverer).body(Map.of("welfareCheck", "NO_ANSWER")).when()
                    .post(path, canteen.code(), runId, run.getString("stops[0].stopId")).then().statusCode(409);
            canteen.as(deliverer).body(Map.of("welfareCheck", "CONCERN")).when()
                    .post(path, canteen.code(), runId, run.getString("stops[1].stopId")).then().statusCode(400);
            canteen.as(deliverer).body(Map.of("welfareCheck", "CONCERN", "note", "she seemed confused and had fallen"))
                    .when().post(path, canteen.code(), runId, run.getString("stops[1].stopId"))
                    .then().statusCode(200).body("note", nullValue());
            canteen.as(deliverer).body(Map.of("welfareCheck", "NO_ANSWER")).when()
                    .post(path, canteen.code(), runId, run.getString("stops[2].stopId")).then().statusCode(200);
            canteen.as(deliverer).body(Map.of("welfareCheck", "NO_ANSWER")).when()
                    .post(path, canteen.code(), runId, run.getString("stops[2].stopId")).then().statusCode(200);

            JsonNode delivered = data(topic.await(r -> okOrder.equals(r.key())
                    && r.value().contains(CanteenEvents.MEAL_DELIVERED), 1, TestCanteen.PATIENCE).get(0));
            assertEquals(ok.toString(), delivered.get("dinerId").asText());
            assertEquals(canteen.code(), delivered.get("communityId").asText());
            assertEquals(DAY.toString(), delivered.get("mealDate").asText());
            assertEquals(runId, delivered.get("runId").asText());
            assertEquals("VOLUNTEER", delivered.get("deliveredBy").get("kind").asText());
            assertEquals(volunteer.toString(), delivered.get("deliveredBy").get("id").asText());
            assertEquals(volunteer.toString(), delivered.get("volunteerId").asText());
            assertEquals("OK", delivered.get("welfareCheck").asText());
            assertTrue(delivered.get("deliveredAt").asText().endsWith("Z"), delivered.toString());
            assertEquals(1500, delivered.get("price").get("totalFen").asLong());
            assertEquals(700, delivered.get("price").get("elderPaysFen").asLong());
            assertEquals(500, delivered.get("price").get("subsidyFen").asLong());
            assertEquals(300, delivered.get("price").get("sponsorFen").asLong());
            assertEquals("rural-commercial-bank", delivered.get("price").get("sponsorId").asText());

            ConsumerRecord<String, String> concern = topic.await(r -> concernOrder.equals(r.key())
                    && r.value().contains(CanteenEvents.MEAL_DELIVERED), 1, TestCanteen.PATIENCE).get(0);
            assertEquals("CONCERN", data(concern).get("welfareCheck").asText());
            assertFalse(concern.value().contains("confused"), "the note stays in the canteen");

            JsonNode missed = data(topic.await(r -> missedOrder.equals(r.key())
                    && r.value().contains(CanteenEvents.MEAL_DELIVERY_MISSED), 1, TestCanteen.PATIENCE).get(0));
            assertEquals(silent.toString(), missed.get("dinerId").asText());
            assertEquals(runId, missed.get("runId").asText());
            assertTrue(missed.has("attemptedAt"));

            List<ConsumerRecord<String, String>> more = topic.during(Duration.ofSeconds(2),
                    r -> Set.of(okOrder, concernOrder, missedOrder).contains(r.key())
                            && (r.value().contains(CanteenEvents.MEAL_DELIVERED)
                                    || r.value().contains(CanteenEvents.MEAL_DELIVERY_MISSED)));
            assertEquals(3, more.size(), "one event per door, however often it was confirmed: " + more.size());
        }
        canteen.as(canteen.staff()).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), runId)
                .then().body("stops[1].note", equalTo("she seemed confused and had fallen"))
                .body("stops.welfareCheck", contains("OK", "CONCERN", "NO_ANSWER"));
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders/{o}", canteen.code(), missedOrder)
                .then().body("status", equalTo("MISSED"));
    }

    @Test
    void aStaffDelivererRecordsWithoutAVolunteerId() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        String order = canteen.order(canteen.housebound(Map.of()), DAY, "DELIVERY");
        JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).extract().jsonPath();
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            canteen.as(canteen.staff()).body(Map.of("welfareCheck", "OK")).when()
                    .post("/communities/{c}/delivery-runs/{r}/stops/{s}/outcome", canteen.code(), run.getString("id"),
                            run.getString("stops[0].stopId")).then().statusCode(200);
            JsonNode delivered = data(topic.await(r -> order.equals(r.key())
                    && r.value().contains(CanteenEvents.MEAL_DELIVERED), 1, TestCanteen.PATIENCE).get(0));
            assertEquals("STAFF", delivered.get("deliveredBy").get("kind").asText());
            assertTrue(delivered.get("volunteerId").isNull());
        }
    }

    @Test
    void partnerGatewayPassesOnACanteenOperatorsReportInAnyCommunityAndAPartnersOwnTokenCannot() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        String gateway = org.linli.infra.DevTokens.as("partner-gateway").subject("partner-gateway").mint();
        String operator = TestCanteen.partner("kitchen-co");
        String order = canteen.order(canteen.housebound(Map.of()), DAY, "DELIVERY");
        String dineIn = canteen.order(canteen.diner(), DAY, "DINE_IN");
        JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).extract().jsonPath();
        String outcome = "/communities/{c}/delivery-runs/{r}/stops/{s}/outcome";

        // the operator's own token opens nothing of the kitchen; the gateway's (no community claim) does what it reports
        canteen.as(operator).body(Map.of("welfareCheck", "OK")).when()
                .post(outcome, canteen.code(), run.getString("id"), run.getString("stops[0].stopId")).then().statusCode(403);
        canteen.as(operator).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), dineIn).then().statusCode(403);
        canteen.as(gateway).when().get("/communities/{c}/delivery-runs/{r}", canteen.code(), run.getString("id"))
                .then().statusCode(200);
        canteen.as(gateway).body(Map.of("welfareCheck", "OK")).when()
                .post(outcome, canteen.code(), run.getString("id"), run.getString("stops[0].stopId")).then().statusCode(200);
        canteen.as(gateway).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), dineIn).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SERVED"));
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders/{o}", canteen.code(), order).then()
                .body("status", org.hamcrest.Matchers.equalTo("DELIVERED"));
        // and nothing else: the community's diners and the day's orders stay closed to it
        canteen.as(gateway).when().get("/communities/{c}/diners", canteen.code()).then().statusCode(403);
        canteen.as(gateway).when().get("/communities/{c}/orders?date={d}", canteen.code(), DAY.toString()).then().statusCode(403);
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode data(ConsumerRecord<String, String> record) throws Exception {
        return JSON.readTree(record.value()).get("data");
    }
}
