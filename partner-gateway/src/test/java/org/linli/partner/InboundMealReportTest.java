package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A canteen operator's signed meal report becomes canteen-service's check-offs and door outcomes, each item once; a
 * forged, stale or replayed report, one for a community the operator does not serve, or one from a partner of another
 * kind is refused and reaches canteen-service not at all.
 */
@QuarkusTest
class InboundMealReportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignedReportServesAndRecordsEachItemOnceAndRefusedReportsChangeNothing() throws Exception {
        String community = Gateway.community("kitchen");
        String operator = Gateway.register("CANTEEN_OPERATOR", List.of(community), List.of("meal.served.v1"));
        String secret = rollInboundSecret(operator);
        UUID placed = FakeCanteenService.order(community, "DINE_IN", "PLACED");
        UUID servedBefore = FakeCanteenService.order(community, "DINE_IN", "SERVED");
        UUID delivery = FakeCanteenService.order(community, "DELIVERY", "PLACED");
        UUID unknown = UUID.randomUUID();
        UUID elsewhere = FakeCanteenService.order(Gateway.community("elsewhere"), "DINE_IN", "PLACED");
        UUID ok = UUID.randomUUID();
        UUID concern = UUID.randomUUID();
        UUID nobody = UUID.randomUUID();
        UUID run = FakeCanteenService.run(community, List.of(ok, concern, nobody));
        String report = JSON.writeValueAsString(Map.of("reportId", "lunch-" + UUID.randomUUID(), "communityId", community,
                "served", List.of(placed, servedBefore, delivery, unknown, elsewhere, placed),
                "deliveries", List.of(
                        Map.of("runId", run, "stopId", ok, "welfareCheck", "OK"),
                        Map.of("runId", run, "stopId", concern, "welfareCheck", "CONCERN", "note", "咳嗽得厉害"),
                        Map.of("runId", run, "stopId", nobody, "welfareCheck", "NO_ANSWER"),
                        Map.of("runId", UUID.randomUUID(), "stopId", UUID.randomUUID(), "welfareCheck", "OK"))));
        long now = System.currentTimeMillis() / 1000;

        // forged, tampered, stale, unsigned, and signed by a bank: 401, and canteen-service hears nothing
        post(operator, "r-1", now, Gateway.sign(Gateway.randomSecret(), "r-1", now, report), report).then().statusCode(401)
                .contentType("application/problem+json");
        post(operator, "r-1", now, Gateway.sign(secret, "r-1", now, report), report.replace("NO_ANSWER", "OK")).then().statusCode(401);
        post(operator, "r-1", now - 360, Gateway.sign(secret, "r-1", now - 360, report), report).then().statusCode(401);
        given().contentType("application/json").body(report).when().post("/inbound/{p}/meal-reports", operator)
                .then().statusCode(401);
        String bank = Gateway.register("BANK", List.of(community), List.of("meal.served.v1"));
        post(bank, "r-1", now, Gateway.sign(secret, "r-1", now, report), report).then().statusCode(401);
        // a community the operator does not serve (signed correctly): 404, and the message id stays free
        String foreign = report.replace(community, "not-" + community);
        post(operator, "r-1", now, Gateway.sign(secret, "r-1", now, foreign), foreign).then().statusCode(404);
        assertEquals(List.of(), FakeCanteenService.callsFor(community), "nothing reached canteen-service");
        assertEquals("PLACED", FakeCanteenService.ORDERS.get(placed).status);

        JsonPath receipt = post(operator, "r-1", now, Gateway.sign(secret, "r-1", now, report), report).then().statusCode(202)
                .body("communityId", equalTo(community)).extract().jsonPath();
        assertEquals(List.of(placed.toString(), servedBefore.toString(), delivery.toString(), unknown.toString(),
                elsewhere.toString()), receipt.getList("served.orderId"), "each order once, in the report's order");
        assertEquals(List.of("done", "already", "refused", "refused", "refused"), receipt.getList("served.result"));
        assertTrue(receipt.getString("served[2].reason").contains("DELIVERY"), receipt.prettyPrint());
        assertEquals(List.of("done", "done", "done", "refused"), receipt.getList("deliveries.result"));
        assertEquals("SERVED", FakeCanteenService.ORDERS.get(placed).status);
        assertEquals("PLACED", FakeCanteenService.ORDERS.get(delivery).status, "a delivery is not served at the counter");
        assertEquals("PLACED", FakeCanteenService.ORDERS.get(elsewhere).status, "another community's order is untouched");
        assertEquals(Map.of(ok, "OK", concern, "CONCERN", nobody, "NO_ANSWER"), Map.copyOf(FakeCanteenService.RUNS.get(run).stops));
        assertEquals("咳嗽得厉害", FakeCanteenService.RUNS.get(run).notes.get(concern), "the note reaches the canteen");
        List<String> changes = writes(community);
        assertEquals(List.of(
                "POST /communities/" + community + "/orders/" + placed + "/serve",
                "POST /communities/" + community + "/orders/" + delivery + "/serve",
                "POST /communities/" + community + "/delivery-runs/" + run + "/stops/" + ok + "/outcome {\"welfareCheck\":\"OK\"}",
                "POST /communities/" + community + "/delivery-runs/" + run + "/stops/" + concern
                        + "/outcome {\"welfareCheck\":\"CONCERN\",\"note\":\"咳嗽得厉害\"}",
                "POST /communities/" + community + "/delivery-runs/" + run + "/stops/" + nobody
                        + "/outcome {\"welfareCheck\":\"NO_ANSWER\"}"), changes,
                "exactly canteen-service's calls: the served order and the unknown ones are only looked at");

        // replayed: the same message again is 409 and calls nothing
        int calls = FakeCanteenService.callsFor(community).size();
        post(operator, "r-1", now, Gateway.sign(secret, "r-1", now, report), report).then().statusCode(409)
                .contentType("application/problem+json");
        assertEquals(calls, FakeCanteenService.callsFor(community).size());
        // the same report sent again as a new message: every item done before is "already", nothing is written
        post(operator, "r-2", now, Gateway.sign(secret, "r-2", now, report), report).then().statusCode(202)
                .body("served.result", equalTo(List.of("already", "already", "refused", "refused", "refused")))
                .body("deliveries.result", equalTo(List.of("already", "already", "already", "refused")));
        assertEquals(changes.size() + 1, writes(community).size(), "only the delivery order's refused check-off again");

        // a different outcome for a door recorded before is refused, and changes nothing
        String changed = JSON.writeValueAsString(Map.of("reportId", "fix-" + UUID.randomUUID(), "communityId", community,
                "deliveries", List.of(Map.of("runId", run, "stopId", nobody, "welfareCheck", "OK"))));
        post(operator, "r-3", now, Gateway.sign(secret, "r-3", now, changed), changed).then().statusCode(202)
                .body("deliveries[0].result", equalTo("refused"))
                .body("deliveries[0].reason", equalTo("this door was recorded as NO_ANSWER before"));
        assertEquals("NO_ANSWER", FakeCanteenService.RUNS.get(run).stops.get(nobody));

        // the log names ids and counts, never the deliverer's note
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus.log"));
        assertFalse(log.contains("咳嗽得厉害"), "no welfare note in the gateway's log");
    }

    @Test
    void whileCanteenServiceIsDownAReportIsAnswered503AndTheSameMessageIsTakenLater() throws Exception {
        String community = Gateway.community("outage");
        String operator = Gateway.register("CANTEEN_OPERATOR", List.of(community), List.of("meal.served.v1"));
        String secret = rollInboundSecret(operator);
        UUID order = FakeCanteenService.order(community, "DINE_IN", "PLACED");
        String report = JSON.writeValueAsString(Map.of("reportId", "lunch-" + UUID.randomUUID(), "communityId", community,
                "served", List.of(order)));
        long now = System.currentTimeMillis() / 1000;
        FakeCanteenService.outage = 503;
        try {
            post(operator, "o-1", now, Gateway.sign(secret, "o-1", now, report), report).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "30");
        } finally {
            FakeCanteenService.outage = 0;
        }
        assertEquals("PLACED", FakeCanteenService.ORDERS.get(order).status);
        post(operator, "o-1", now, Gateway.sign(secret, "o-1", now, report), report).then().statusCode(202)
                .body("served[0].result", equalTo("done"));
        assertEquals("SERVED", FakeCanteenService.ORDERS.get(order).status);

        // not a report: 400, and the message id stays free
        String nonsense = "{\"reportId\":\"x\",\"communityId\":\"" + community + "\",\"served\":[\"not-a-uuid\"]}";
        post(operator, "o-2", now, Gateway.sign(secret, "o-2", now, nonsense), nonsense).then().statusCode(400)
                .contentType("application/problem+json");
        String concernWithoutNote = JSON.writeValueAsString(Map.of("reportId", "y", "communityId", community,
                "deliveries", List.of(Map.of("runId", UUID.randomUUID(), "stopId", UUID.randomUUID(),
                        "welfareCheck", "CONCERN"))));
        post(operator, "o-2", now, Gateway.sign(secret, "o-2", now, concernWithoutNote), concernWithoutNote).then().statusCode(400);
        String empty = "{\"reportId\":\"z\",\"communityId\":\"" + community + "\"}";
        post(operator, "o-2", now, Gateway.sign(secret, "o-2", now, empty), empty).then().statusCode(400);
    }

    private static List<String> writes(String community) {
        return FakeCanteenService.callsFor(community).stream().filter(c -> c.startsWith("POST ")).toList();
    }

    private static String rollInboundSecret(String partner) {
        return given().auth().oauth2(Gateway.partner(partner)).when().post("/partners/{p}/inbound-secret/roll", partner)
                .then().statusCode(200).extract().jsonPath().getString("secret");
    }

    private static Response post(String partner, String id, long timestamp, String signature, String body) {
        return given().contentType("application/json; charset=UTF-8").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/inbound/{p}/meal-reports", partner);
    }
}
