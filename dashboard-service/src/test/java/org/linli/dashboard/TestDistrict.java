package org.linli.dashboard;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A district of its own for each test (fresh ids, so tests never see each other's figures), and the events its
 * services would publish, put on the real topics exactly as docs/asyncapi.yaml describes them.
 */
final class TestDistrict {

    static final ZoneId COMMUNITY_TIME = ZoneId.of("Asia/Shanghai");
    static final Duration PATIENCE = Duration.ofSeconds(20);

    final String district = "district-" + UUID.randomUUID().toString().substring(0, 8);
    final String subDistrict = "street-" + UUID.randomUUID().toString().substring(0, 8);

    /** A community of this district: {@code communityId(1)} is "<district>-c1". */
    String community(int n) {
        return district + "-c" + n;
    }

    static LocalDate today() {
        return LocalDate.now(COMMUNITY_TIME);
    }

    String officer() {
        return DevTokens.as("district-officer").subject("officer-" + district).district(district).mint();
    }

    String worker(String community) {
        return DevTokens.as("community-worker").subject("worker-" + community).community(community).mint();
    }

    static String operator() {
        return DevTokens.as("operator").subject("operator").mint();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).accept("application/json");
    }

    JsonPath districtFigures(LocalDate from, LocalDate to) {
        return as(officer()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/districts/{d}", district).then().statusCode(200).extract().jsonPath();
    }

    // --- resident-service -------------------------------------------------------------------------------------------

    /** The community's org unit, with the name the page shows (a place name: never personal data). */
    void communityNamed(String community, String name) {
        named("COMMUNITY", community, name);
    }

    /** The district's and its street's names. */
    void districtNamed(String district, String street) {
        named("DISTRICT", this.district, district);
        named("SUBDISTRICT", subDistrict, street);
    }

    private void named(String kind, String code, String name) {
        String unit = UUID.nameUUIDFromBytes((kind + code).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unitId", unit);
        data.put("kind", kind);
        data.put("code", code);
        data.put("name", name);
        data.put("communityId", "COMMUNITY".equals(kind) ? code : null);
        data.put("districtId", district);
        data.put("subDistrictId", "DISTRICT".equals(kind) ? null : subDistrict);
        send("linli.resident.events", unit, event("/linli/resident-service", "org-unit.changed.v1",
                "COMMUNITY".equals(kind) ? code : null, data));
    }

    UUID resident(String community, String ageBand, boolean aged60, boolean aged80, boolean alone, boolean housebound,
            UUID grid) {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("districtId", district);
        data.put("subDistrictId", subDistrict);
        data.put("ageBand", ageBand);
        data.put("aged60Plus", aged60);
        data.put("aged80Plus", aged80);
        data.put("livesAlone", alone);
        data.put("housebound", housebound);
        data.put("gridId", grid == null ? null : grid.toString());
        send("linli.resident.events", id.toString(), TestEvents.resident("resident.registered.v1", id, community, data));
        return id;
    }

    void movedOut(String community, UUID resident) {
        send("linli.resident.events", resident.toString(), event("/linli/resident-service", "resident.moved-out.v1",
                community, Map.of("residentId", resident.toString(), "communityId", community)));
    }

    void volunteer(String community, UUID resident, UUID team) {
        send("linli.resident.events", resident.toString(), event("/linli/resident-service", "volunteer.enrolled.v1",
                community, Map.of("volunteerId", resident.toString(), "communityId", community, "districtId", district,
                        "teams", List.of(Map.of("teamId", team.toString(), "category", "ELDER_CARE")),
                        "enrolledAt", OffsetDateTime.now().toString())));
    }

    UUID alertRaised(String community, UUID resident, UUID grid, OffsetDateTime raisedAt, OffsetDateTime escalatesAt) {
        UUID alert = UUID.randomUUID();
        Map<String, Object> data = alertData(community, alert, resident, grid, raisedAt);
        data.put("escalatesAt", escalatesAt.toString());
        send("linli.resident.care-alerts", alert.toString(),
                event("/linli/resident-service", "care-alert.raised.v1", community, data));
        return alert;
    }

    void alertAcknowledged(String community, UUID alert, UUID resident, UUID grid, OffsetDateTime raisedAt,
            OffsetDateTime acknowledgedAt) {
        Map<String, Object> data = alertData(community, alert, resident, grid, raisedAt);
        data.put("acknowledgedAt", acknowledgedAt.toString());
        send("linli.resident.care-alerts", alert.toString(),
                event("/linli/resident-service", "care-alert.acknowledged.v1", community, data));
    }

    void alertResolved(String community, UUID alert, UUID resident, UUID grid, OffsetDateTime raisedAt,
            OffsetDateTime acknowledgedAt, OffsetDateTime resolvedAt) {
        Map<String, Object> data = alertData(community, alert, resident, grid, raisedAt);
        data.put("acknowledgedAt", acknowledgedAt.toString());
        data.put("resolvedAt", resolvedAt.toString());
        send("linli.resident.care-alerts", alert.toString(),
                event("/linli/resident-service", "care-alert.resolved.v1", community, data));
    }

    private Map<String, Object> alertData(String community, UUID alert, UUID resident, UUID grid, OffsetDateTime raisedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.toString());
        data.put("communityId", community);
        data.put("districtId", district);
        data.put("residentId", resident.toString());
        data.put("gridId", grid.toString());
        data.put("cause", "DELIVERY_MISSED");
        data.put("raisedAt", raisedAt.toString());
        return data;
    }

    // --- points-service ---------------------------------------------------------------------------------------------

    UUID serviceConfirmed(String community, UUID volunteer, UUID beneficiary, String type, int minutes, int points,
            OffsetDateTime performedAt) {
        return serviceConfirmed(community, volunteer, beneficiary, type, minutes, points, performedAt, UUID.randomUUID());
    }

    /** A service logged and confirmed, and its award posted as {@code posting}. */
    UUID serviceConfirmed(String community, UUID volunteer, UUID beneficiary, String type, int minutes, int points,
            OffsetDateTime performedAt, UUID posting) {
        UUID service = UUID.randomUUID();
        serviceConfirmedEvents(community, volunteer, beneficiary, type, minutes, points, performedAt, service, posting)
                .forEach(Record::send);
        return service;
    }

    /** A record as points-service would put it on its topic. */
    record Record(String topic, String key, String event) {
        void send() {
            TestDistrict.send(topic, key, event);
        }
    }

    List<Record> serviceConfirmedEvents(String community, UUID volunteer, UUID beneficiary, String type, int minutes,
            int points, OffsetDateTime performedAt, UUID service, UUID posting) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceId", service.toString());
        data.put("communityId", community);
        data.put("districtId", district);
        data.put("volunteerId", volunteer.toString());
        data.put("beneficiaryId", beneficiary == null ? null : beneficiary.toString());
        data.put("typeCode", type);
        data.put("minutes", minutes);
        data.put("performedAt", performedAt.toString());
        data.put("status", "PENDING");
        Record logged = new Record("linli.points.events", service.toString(),
                event("/linli/points-service", "service.logged.v1", community, data));
        data.put("status", "CONFIRMED");
        data.put("decidedAs", "BENEFICIARY");
        data.put("decidedAt", performedAt.plusHours(1).toString());
        data.put("points", points);
        Record confirmed = new Record("linli.points.events", service.toString(),
                event("/linli/points-service", "service.confirmed.v1", community, data));
        Record awarded = new Record("linli.points.events", volunteer.toString(), event("/linli/points-service",
                "points.awarded.v1", community, Map.of("postingId", posting.toString(), "communityId", community,
                        "volunteerId", volunteer.toString(), "source", "SERVICE", "serviceId", service.toString(), "points",
                        points, "minutes", minutes, "balanceAfter", points, "awardedAt",
                        performedAt.plusHours(1).toString())));
        return List.of(logged, confirmed, awarded);
    }

    /** A community worker's correction takes a service's award back (points and minutes). */
    void awardCorrected(String community, UUID volunteer, UUID posting, int points, int minutes, OffsetDateTime at) {
        awardCorrectedEvent(community, volunteer, posting, points, minutes, at).send();
    }

    Record awardCorrectedEvent(String community, UUID volunteer, UUID posting, int points, int minutes, OffsetDateTime at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postingId", UUID.randomUUID().toString());
        data.put("reversesPostingId", posting.toString());
        data.put("reversedSource", "SERVICE");
        data.put("cause", "CORRECTION");
        data.put("communityId", community);
        data.put("districtId", district);
        data.put("volunteerId", volunteer.toString());
        data.put("points", -points);
        data.put("minutes", -minutes);
        data.put("classCredits", 0);
        data.put("balanceAfter", 0);
        data.put("reversedAt", at.toString());
        return new Record("linli.points.events", volunteer.toString(),
                event("/linli/points-service", "points.reversed.v1", community, data));
    }

    void redeemed(String community, UUID volunteer, int points, String sponsor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postingId", UUID.randomUUID().toString());
        data.put("redemptionId", UUID.randomUUID().toString());
        data.put("rewardId", UUID.randomUUID().toString());
        data.put("sponsorId", sponsor);
        data.put("communityId", community);
        data.put("volunteerId", volunteer.toString());
        data.put("points", points);
        data.put("balanceAfter", 0);
        data.put("redeemedAt", OffsetDateTime.now().toString());
        send("linli.points.events", volunteer.toString(), event("/linli/points-service", "points.redeemed.v1", community, data));
    }

    // --- canteen-service --------------------------------------------------------------------------------------------

    /** A lunch ordered and then served (dine-in) or delivered; its price in fen: total 1500 = elder 700 + 500 + 300. */
    UUID lunch(String community, UUID diner, LocalDate day, String outcome, UUID volunteer) {
        UUID order = UUID.randomUUID();
        Map<String, Object> price = Map.of("totalFen", 1500, "elderPaysFen", 700, "subsidyFen", 500, "sponsorFen", 300,
                "sponsorId", "rural-commercial-bank");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("dinerId", diner.toString());
        data.put("communityId", community);
        data.put("mealDate", day.toString());
        data.put("meal", "LUNCH");
        data.put("service", "SERVED".equals(outcome) ? "DINE_IN" : "DELIVERY");
        data.put("price", price);
        send("linli.canteen.events", order.toString(), event("/linli/canteen-service", "meal.ordered.v1", community, data));
        Map<String, Object> after = new LinkedHashMap<>(data);
        after.remove("service");
        switch (outcome) {
            case "SERVED" -> {
                after.put("servedAt", OffsetDateTime.now().toString());
                send("linli.canteen.events", order.toString(),
                        event("/linli/canteen-service", "meal.served.v1", community, after));
            }
            case "DELIVERED" -> {
                after.put("runId", UUID.randomUUID().toString());
                after.put("deliveredBy", Map.of("kind", "VOLUNTEER", "id", volunteer.toString()));
                after.put("volunteerId", volunteer.toString());
                after.put("welfareCheck", "OK");
                after.put("deliveredAt", OffsetDateTime.now().toString());
                send("linli.canteen.events", order.toString(),
                        event("/linli/canteen-service", "meal.delivered.v1", community, after));
            }
            case "MISSED" -> {
                after.remove("price");
                after.put("runId", UUID.randomUUID().toString());
                after.put("attemptedAt", OffsetDateTime.now().toString());
                send("linli.canteen.events", order.toString(),
                        event("/linli/canteen-service", "meal.delivery-missed.v1", community, after));
            }
            default -> throw new IllegalArgumentException(outcome);
        }
        return order;
    }

    // --- plumbing ---------------------------------------------------------------------------------------------------

    static String event(String source, String type, String community, Map<String, Object> data) {
        return TestEvents.cloudEvent(UUID.randomUUID().toString(), source, type, null, community, data);
    }

    static void send(String topic, String key, String event) {
        TopicProbe.send(topic, key, event);
    }
}
