package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.events.CareAlertEvents;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A delivery that finds nobody at the door, a worrying welfare check, a gas alarm: who is told, and what happens next. */
@QuarkusTest
class CareAlertTest {

    static final String CANTEEN_TOPIC = "linli.canteen.events";
    static final String POINTS_TOPIC = "linli.points.events";

    /** Ms Zhao with her daughter as emergency contact, and a grid head for her grid. */
    record Circle(TestCommunity community, String msZhao, String contactId, String gridHead) {
    }

    static Circle circle() {
        TestCommunity community = TestCommunity.create();
        String msZhao = community.register(RegistryTest.elder("赵秀兰", "1950-03-14", ",\"housebound\":true,\"livesAlone\":true"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("purpose", "CARE_ALERTS"))
                .when().post("/communities/{c}/residents/{id}/consents", community.code(), msZhao).then().statusCode(201);
        String contact = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("name", "赵丽", "relationship", "daughter", "phone", "13600001111"))
                .when().post("/communities/{c}/residents/{id}/emergency-contacts", community.code(), msZhao)
                .then().statusCode(201).body("priority", equalTo(1)).extract().path("id");
        String head = community.register(RegistryTest.elder("吴亚琴", "1962-05-05", ",\"phone\":\"13700002222\""));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("residentId", head, "kind", "GRID_HEAD", "orgUnitId", community.gridId()))
                .when().post("/communities/{c}/heads", community.code()).then().statusCode(201);
        return new Circle(community, msZhao, contact, head);
    }

    static String missed(String eventId, String orderId, String diner, String community) {
        return TestEvents.cloudEvent(eventId, "/linli/canteen-service", "meal.delivery-missed.v1", "orders/" + orderId,
                community, Map.of("orderId", orderId, "dinerId", diner, "communityId", community,
                        "attemptedAt", OffsetDateTime.now().toString()));
    }

    static String delivered(String orderId, String diner, String community, String welfare) {
        return TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/canteen-service", "meal.delivered.v1",
                "orders/" + orderId, community, Map.of("orderId", orderId, "dinerId", diner, "communityId", community,
                        "welfareCheck", welfare, "deliveredAt", OffsetDateTime.now().toString()));
    }

    @Test
    void nobodyAtTheDoorRaisesOneAlertThatReachesTheDaughterAndTheGridHeadThenEscalates() {
        Circle circle = circle();
        String code = circle.community().code();
        String order = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (TopicProbe alerts = TopicProbe.tail(CareAlertEvents.TOPIC)) {
            TopicProbe.send(CANTEEN_TOPIC, order, missed(eventId, order, circle.msZhao(), code));
            TopicProbe.send(CANTEEN_TOPIC, order, missed(eventId, order, circle.msZhao(), code)); // redelivered
            TopicProbe.send(CANTEEN_TOPIC, order, missed(UUID.randomUUID().toString(), order, circle.msZhao(), code)); // re-sent

            String alertId = await().atMost(Duration.ofSeconds(30)).until(() -> alertFor(circle.msZhao()), a -> a != null);
            alerts.await(r -> alertId.equals(r.key()) && r.value().contains(CareAlertEvents.RAISED), 1, Duration.ofSeconds(30));
            given().auth().oauth2(circle.community().worker())
                    .when().get("/communities/{c}/care-alerts/{id}", code, alertId)
                    .then().statusCode(200)
                    .body("cause", equalTo("DELIVERY_MISSED"))
                    .body("notifications.recipientKind", hasItem("EMERGENCY_CONTACT"))
                    .body("notifications.recipientRef", hasItem(circle.contactId()))
                    .body("notifications.recipientRef", hasItem(circle.gridHead()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(circle.community().worker())
                    .when().get("/communities/{c}/care-alerts/{id}", code, alertId)
                    .then().body("notifications.delivered", not(hasItem(false))));

            // nobody acknowledges: within seconds (5 s in tests, 15 min in production) the duty desk is told
            alerts.await(r -> alertId.equals(r.key()) && r.value().contains(CareAlertEvents.ESCALATED), 1, Duration.ofSeconds(30));
            given().auth().oauth2(circle.community().worker())
                    .when().get("/communities/{c}/care-alerts/{id}", code, alertId)
                    .then().body("status", equalTo("ESCALATED")).body("notifications.recipientKind", hasItem("DUTY_DESK"));
            assertEquals(1L, QuarkusTransaction.requiringNew().call(
                    () -> CareAlert.count("residentId", UUID.fromString(circle.msZhao()))));
        }
    }

    @Test
    void anAcknowledgedAlertDoesNotEscalateAndAResolvedOneIsPublished() {
        Circle circle = circle();
        String code = circle.community().code();
        String order = UUID.randomUUID().toString();
        TopicProbe.send(CANTEEN_TOPIC, order, delivered(order, circle.msZhao(), code, "CONCERN"));
        String alertId = await().atMost(Duration.ofSeconds(30)).until(() -> alertFor(circle.msZhao()), a -> a != null);
        String gridHead = circle.community().gridHead(circle.gridHead());
        try (TopicProbe alerts = TopicProbe.tail(CareAlertEvents.TOPIC)) {
            given().auth().oauth2(gridHead).contentType(ContentType.JSON).body(Map.of("note", "on my way, five minutes"))
                    .when().post("/communities/{c}/care-alerts/{id}/acknowledge", code, alertId)
                    .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
            // dashboards learn that someone took it on, and when it would have escalated; never the note
            String acknowledged = alerts.await(r -> alertId.equals(r.key())
                    && r.value().contains(CareAlertEvents.ACKNOWLEDGED), 1, Duration.ofSeconds(30)).get(0).value();
            assertTrue(acknowledged.contains("\"acknowledgedAt\"") && acknowledged.contains("\"escalatesAt\""), acknowledged);
            assertFalse(acknowledged.contains("five minutes"), "the note stays in resident-service");
            assertEquals(List.of(), alerts.during(Duration.ofSeconds(4), r -> alertId.equals(r.key())
                    && r.value().contains(CareAlertEvents.ESCALATED)), "no escalation");
            given().auth().oauth2(gridHead).contentType(ContentType.JSON)
                    .body(Map.of("note", "dizzy after skipping breakfast; daughter is coming"))
                    .when().post("/communities/{c}/care-alerts/{id}/resolve", code, alertId)
                    .then().statusCode(200).body("status", equalTo("RESOLVED"));
            alerts.await(r -> alertId.equals(r.key()) && r.value().contains(CareAlertEvents.RESOLVED), 1, Duration.ofSeconds(30));
        }
        given().auth().oauth2(gridHead).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .when().post("/communities/{c}/care-alerts/{id}/resolve", code, alertId).then().statusCode(409);
    }

    @Test
    void aGasAlarmFromAPartnerReachesEveryoneAtOnceAndARepeatedReportIsTheSameAlert() {
        Circle circle = circle();
        String code = circle.community().code();
        String partner = DevTokens.as("partner").community(code).subject("gas-company").mint();
        Map<String, Object> alarm = Map.of("alarmId", "alarm-" + UUID.randomUUID(), "communityId", code,
                "householdId", circle.community().householdId(), "kind", "GAS_LEAK", "deviceId", "gas-3-2-501");
        String alertId = given().auth().oauth2(partner).contentType(ContentType.JSON).body(alarm)
                .when().post("/device-alarms").then().statusCode(201).extract().path("alertId");
        given().auth().oauth2(partner).contentType(ContentType.JSON).body(alarm)
                .when().post("/device-alarms").then().statusCode(200).body("alertId", equalTo(alertId));
        given().auth().oauth2(circle.community().worker()).when().get("/communities/{c}/care-alerts/{id}", code, alertId)
                .then().body("cause", equalTo("GAS_ALARM"))
                .body("notifications.recipientKind", containsInAnyOrder("EMERGENCY_CONTACT", "GRID_HEAD", "DUTY_DESK"));

        String otherPartner = DevTokens.as("partner").community("somewhere-else").mint();
        given().auth().oauth2(otherPartner).contentType(ContentType.JSON).body(alarm).when().post("/device-alarms")
                .then().statusCode(404);
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(alarm).when().post("/device-alarms")
                .then().statusCode(403);

        // partner-gateway (no community claim) passes on the signed alarm of a vendor it has checked serves the community
        String gateway = DevTokens.as("partner-gateway").subject("partner-gateway").mint();
        Map<String, Object> smoke = Map.of("alarmId", "vendor-a:alarm-" + UUID.randomUUID(), "communityId", code,
                "householdId", circle.community().householdId(), "kind", "SMOKE", "deviceId", "smoke-3-2-501");
        String smokeAlert = given().auth().oauth2(gateway).contentType(ContentType.JSON).body(smoke)
                .when().post("/device-alarms").then().statusCode(201).extract().path("alertId");
        given().auth().oauth2(circle.community().worker()).when().get("/communities/{c}/care-alerts/{id}", code, smokeAlert)
                .then().body("cause", equalTo("SMOKE_ALARM"));
    }

    @Test
    void aDeliveredLunchOrAConfirmedVisitCountsAsContactForTheQuietEldersList() {
        Circle circle = circle();
        String code = circle.community().code();
        String sun = circle.community().register(RegistryTest.elder("孙德明", "1941-01-09", ",\"housebound\":true"));
        String quiet = "/communities/{c}/quiet-elders?days=1";
        given().auth().oauth2(circle.community().worker()).when().get(quiet, code)
                .then().statusCode(200).body("residentId", hasItem(circle.msZhao())).body("residentId", hasItem(sun));

        String order = UUID.randomUUID().toString();
        TopicProbe.send(CANTEEN_TOPIC, order, delivered(order, circle.msZhao(), code, "OK"));
        String service = UUID.randomUUID().toString();
        TopicProbe.send(POINTS_TOPIC, service, TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/points-service",
                "service.confirmed.v1", "services/" + service, code, Map.of("serviceId", service, "volunteerId",
                        UUID.randomUUID().toString(), "beneficiaryId", sun, "communityId", code, "serviceType", "CARE_VISIT",
                        "minutes", 40, "performedAt", OffsetDateTime.now().toString())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(circle.community().worker())
                .when().get(quiet, code).then().body("residentId", not(hasItem(circle.msZhao())))
                .body("residentId", not(hasItem(sun))));
        given().auth().oauth2(circle.community().worker()).when().get("/communities/{c}/care-alerts", code)
                .then().body("$", hasSize(0));
    }

    private static String alertFor(String residentId) {
        return QuarkusTransaction.requiringNew().call(() -> CareAlert.<CareAlert>find("residentId", UUID.fromString(residentId))
                .firstResultOptional().map(a -> a.id.toString()).orElse(null));
    }
}
