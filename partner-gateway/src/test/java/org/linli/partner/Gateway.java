package org.linli.partner;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the tests do through the gateway's API and on the topics, in a few words. */
final class Gateway {

    static final String POINTS = "linli.points.events";
    static final String CANTEEN = "linli.canteen.events";
    static final String CARE_ALERTS = "linli.resident.care-alerts";

    private Gateway() {
    }

    static String officer() {
        return DevTokens.as("district-officer").district("kuancheng").subject("officer-" + UUID.randomUUID()).mint();
    }

    static String partner(String partnerId) {
        return DevTokens.as("partner").subject("client-" + partnerId).claim("partner", partnerId).mint();
    }

    /** A fresh community code, so that a test sees only its own events. */
    static String community(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String register(String kind, List<String> communities, List<String> eventTypes) {
        return register(kind, communities, eventTypes, null);
    }

    /** Registers a partner with a technical contact (an e-mail address, or null for none). */
    static String register(String kind, List<String> communities, List<String> eventTypes, String technicalContact) {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> partner = new LinkedHashMap<>(Map.of("id", id, "name", "Test partner " + id, "kind", kind,
                "communities", communities, "eventTypes", eventTypes));
        if (technicalContact != null) {
            partner.put("technicalContactEmail", technicalContact);
        }
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(partner)
                .when().post("/partners").then().statusCode(201);
        return id;
    }

    /** A device vendor's new inbound secret. */
    static String rollInboundSecret(String partnerId) {
        return given().auth().oauth2(partner(partnerId)).when().post("/partners/{p}/inbound-secret/roll", partnerId)
                .then().statusCode(200).extract().jsonPath().getString("secret");
    }

    /** A vendor's signed gas alarm, as the vendor posts it; answers the care alert resident-service raised for it. */
    static UUID alarm(String vendor, String secret, String community, String alarmId) throws Exception {
        String body = "{\"alarmId\":\"" + alarmId + "\",\"communityId\":\"" + community + "\",\"householdId\":\""
                + UUID.randomUUID() + "\",\"kind\":\"GAS_LEAK\",\"deviceId\":\"det-17\"}";
        String id = "msg-" + UUID.randomUUID();
        long now = System.currentTimeMillis() / 1000;
        return UUID.fromString(given().contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now)).header("webhook-signature", sign(secret, id, now, body))
                .body(body).when().post("/inbound/{p}/device-alarms", vendor)
                .then().statusCode(202).extract().jsonPath().getString("alertId"));
    }

    /** A care-alert event as resident-service publishes it (keyed by alertId), with fields partners must not see. */
    static String careAlert(String type, UUID alert, String community, String cause) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.toString());
        data.put("communityId", community);
        data.put("residentId", UUID.randomUUID().toString());
        data.put("householdId", UUID.randomUUID().toString());
        data.put("gridId", UUID.randomUUID().toString());
        data.put("cause", cause);
        data.put("raisedAt", "2026-12-01T02:00:00Z");
        data.put("acknowledgedAt", type.endsWith("raised.v1") ? null : "2026-12-01T02:03:00Z");
        data.put("resolvedAt", type.endsWith("resolved.v1") ? "2026-12-01T02:30:00Z" : null);
        return TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/resident-service", type, "care-alerts/" + alert,
                community, data);
    }

    /** Subscribes as the partner itself; answers the subscription's id and secret. */
    static Subscribed subscribe(String partnerId, String url, List<String> eventTypes) {
        JsonPath created = given().auth().oauth2(partner(partnerId)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", eventTypes))
                .when().post("/partners/{p}/subscriptions", partnerId).then().statusCode(201).extract().jsonPath();
        return new Subscribed(UUID.fromString(created.getString("subscription.id")), created.getString("secret"));
    }

    record Subscribed(UUID id, String secret) {
    }

    /**
     * points.redeemed.v1 as points-service publishes it (keyed by volunteerId) for a reward the partner {@code sponsor}
     * sponsors, with a field partners must not see.
     */
    static String redeemed(String eventId, String community, String sponsor, UUID volunteer, int points) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postingId", UUID.randomUUID().toString());
        data.put("redemptionId", UUID.randomUUID().toString());
        data.put("rewardId", UUID.randomUUID().toString());
        data.put("sponsorId", sponsor);
        data.put("communityId", community);
        data.put("districtId", "kuancheng");
        data.put("volunteerId", volunteer.toString());
        data.put("points", points);
        data.put("balanceAfter", 1000 - points);
        data.put("redeemedAt", "2026-12-01T02:00:00Z");
        data.put("volunteerName", "张秀英"); // a producer's mistake: must never reach a partner
        return TestEvents.cloudEvent(eventId, "/linli/points-service", "points.redeemed.v1", "volunteers/" + volunteer,
                community, data);
    }

    /** meal.delivered.v1 as canteen-service publishes it (keyed by orderId), the partner {@code sponsor} paying a share. */
    static String delivered(String eventId, String community, String sponsor, UUID order) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("totalFen", 1500);
        price.put("elderPaysFen", 500);
        price.put("subsidyFen", 700);
        price.put("sponsorFen", 300);
        price.put("sponsorId", sponsor);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("dinerId", UUID.randomUUID().toString());
        data.put("communityId", community);
        data.put("mealDate", "2026-12-01");
        data.put("runId", UUID.randomUUID().toString());
        data.put("deliveredBy", Map.of("kind", "VOLUNTEER", "id", UUID.randomUUID().toString()));
        data.put("volunteerId", UUID.randomUUID().toString());
        data.put("welfareCheck", "CONCERN");
        data.put("deliveredAt", "2026-12-01T04:10:00Z");
        data.put("price", price);
        return TestEvents.cloudEvent(eventId, "/linli/canteen-service", "meal.delivered.v1", "orders/" + order, community,
                data);
    }

    static String handedOver(String eventId, String community, String sponsor, UUID volunteer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("redemptionId", UUID.randomUUID().toString());
        data.put("rewardId", UUID.randomUUID().toString());
        data.put("sponsorId", sponsor);
        data.put("communityId", community);
        data.put("volunteerId", volunteer.toString());
        data.put("points", 30);
        data.put("handedOverAt", "2026-12-01T03:00:00Z");
        return TestEvents.cloudEvent(eventId, "/linli/points-service", "redemption.handed-over.v1",
                "volunteers/" + volunteer, community, data);
    }

    static void send(String topic, String key, String event) {
        TopicProbe.send(topic, key, event);
    }

    /** Standard Webhooks signing, as a partner's own code would do it (a vendor's alarm, a kitchen's report). */
    static String sign(String secret, String id, long timestamp, String body) throws Exception {
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + java.util.Base64.getEncoder().encodeToString(hmac.doFinal(
                (id + "." + timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** An inbound signing secret, as the gateway hands one out ("whsec_" + 32 random bytes). */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
