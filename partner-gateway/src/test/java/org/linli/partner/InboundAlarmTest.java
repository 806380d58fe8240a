package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A device vendor's signed alarm raises a care alert through resident-service once; a forged, stale or replayed one is
 * refused (401 / 409) and changes nothing.
 */
@QuarkusTest
class InboundAlarmTest {

    @Test
    void aSignedAlarmRaisesACareAlertAndForgedStaleOrReplayedOnesChangeNothing() throws Exception {
        String community = Gateway.community("alarms");
        String vendor = Gateway.register("DEVICE_VENDOR", List.of(community), List.of("care-alert.resolved.v1"));
        String secret = given().auth().oauth2(Gateway.partner(vendor))
                .when().post("/partners/{p}/inbound-secret/roll", vendor)
                .then().statusCode(200).extract().jsonPath().getString("secret");
        String alarm = "{\"alarmId\":\"gas-" + UUID.randomUUID() + "\",\"communityId\":\"" + community
                + "\",\"householdId\":\"" + UUID.randomUUID() + "\",\"kind\":\"GAS_LEAK\",\"deviceId\":\"det-17\"}";
        long now = System.currentTimeMillis() / 1000;
        int before = FakeResidentService.ALARMS.size();

        // forged: signed with another key
        post(vendor, "msg-1", now, Gateway.sign(Gateway.randomSecret(), "msg-1", now, alarm), alarm).then().statusCode(401)
                .contentType("application/problem+json");
        // tampered: the body changed after signing
        post(vendor, "msg-1", now, Gateway.sign(secret, "msg-1", now, alarm), alarm.replace("GAS_LEAK", "SMOKE")).then().statusCode(401);
        // stale: signed correctly, six minutes ago
        post(vendor, "msg-1", now - 360, Gateway.sign(secret, "msg-1", now - 360, alarm), alarm).then().statusCode(401);
        // no signature at all
        given().contentType("application/json").body(alarm).when().post("/inbound/{p}/device-alarms", vendor)
                .then().statusCode(401);
        assertEquals(before, FakeResidentService.ALARMS.size(), "nothing reached resident-service");

        post(vendor, "msg-1", now, Gateway.sign(secret, "msg-1", now, alarm), alarm).then().statusCode(202)
                .body("alertId", notNullValue()).body("status", equalTo("RAISED"));
        assertEquals(before + 1, FakeResidentService.ALARMS.size());
        assertTrue(FakeResidentService.ALARMS.get(before).contains("\"kind\":\"GAS_LEAK\""));

        // replayed: the same message again
        post(vendor, "msg-1", now, Gateway.sign(secret, "msg-1", now, alarm), alarm).then().statusCode(409)
                .contentType("application/problem+json");
        assertEquals(before + 1, FakeResidentService.ALARMS.size(), "a replay changes nothing");

        // a community the vendor does not serve
        String elsewhere = alarm.replace(community, "elsewhere");
        post(vendor, "msg-2", now, Gateway.sign(secret, "msg-2", now, elsewhere), elsewhere).then().statusCode(404);
        // after rolling, the old secret still verifies during the overlap
        String rolled = given().auth().oauth2(Gateway.partner(vendor))
                .when().post("/partners/{p}/inbound-secret/roll", vendor)
                .then().statusCode(200).body("previousValidUntil", notNullValue()).extract().jsonPath().getString("secret");
        post(vendor, "msg-3", now, Gateway.sign(secret, "msg-3", now, alarm), alarm).then().statusCode(202);
        post(vendor, "msg-4", now, Gateway.sign(rolled, "msg-4", now, alarm), alarm).then().statusCode(202);
        // another partner cannot roll this vendor's secret, and a bank sends no alarms
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        given().auth().oauth2(Gateway.partner(bank)).when().post("/partners/{p}/inbound-secret/roll", vendor)
                .then().statusCode(404);
        post(bank, "msg-5", now, Gateway.sign(secret, "msg-5", now, alarm), alarm).then().statusCode(401);
    }

    private static io.restassured.response.Response post(String partner, String id, long timestamp, String signature,
            String body) {
        RequestSpecification request = given().contentType("application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature).body(body);
        return request.when().post("/inbound/{p}/device-alarms", partner);
    }
}
