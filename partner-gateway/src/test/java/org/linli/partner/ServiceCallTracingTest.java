package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's calls to resident-service and canteen-service carry the W3C trace context of the partner's request: an
 * inbound alarm or meal report is one trace across the gateway and the service it reaches.
 */
@QuarkusTest
class ServiceCallTracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$");

    @Test
    void anInboundAlarmIsOneTraceAcrossTheGatewayAndResidentService() throws Exception {
        String community = Gateway.community("traced-alarm");
        String vendor = Gateway.register("DEVICE_VENDOR", List.of(community), List.of("care-alert.resolved.v1"));
        String secret = Gateway.rollInboundSecret(vendor);
        String traceId = hex(16);
        String vendorSpan = hex(8);
        String alarmId = "gas-" + UUID.randomUUID();
        String body = "{\"alarmId\":\"" + alarmId + "\",\"communityId\":\"" + community + "\",\"householdId\":\""
                + UUID.randomUUID() + "\",\"kind\":\"GAS_LEAK\",\"deviceId\":\"det-1\"}";
        long now = System.currentTimeMillis() / 1000;
        given().contentType("application/json").header("traceparent", "00-" + traceId + "-" + vendorSpan + "-01")
                .header("webhook-id", "t-1").header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", Gateway.sign(secret, "t-1", now, body)).body(body)
                .when().post("/inbound/{p}/device-alarms", vendor).then().statusCode(202);

        Matcher sent = traceparent(FakeResidentService.TRACEPARENTS.get(vendor + ":" + alarmId));
        assertEquals(traceId, sent.group(1), "resident-service continues the vendor's request's trace");
        assertNotEquals(vendorSpan, sent.group(2), "its parent is the gateway's span, not the vendor's");

        // without a trace context from the vendor, the gateway's own trace reaches resident-service
        String untraced = body.replace(alarmId, alarmId + "-b");
        given().contentType("application/json").header("webhook-id", "t-2").header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", Gateway.sign(secret, "t-2", now, untraced)).body(untraced)
                .when().post("/inbound/{p}/device-alarms", vendor).then().statusCode(202);
        Matcher own = traceparent(FakeResidentService.TRACEPARENTS.get(vendor + ":" + alarmId + "-b"));
        assertNotEquals("0".repeat(32), own.group(1));
        assertNotEquals(traceId, own.group(1), "a trace of its own");
    }

    @Test
    void aMealReportIsOneTraceAcrossTheGatewayAndCanteenService() throws Exception {
        String community = Gateway.community("traced-kitchen");
        String operator = Gateway.register("CANTEEN_OPERATOR", List.of(community), List.of("meal.served.v1"));
        String secret = Gateway.rollInboundSecret(operator);
        UUID order = FakeCanteenService.order(community, "DINE_IN", "PLACED");
        String report = new ObjectMapper().writeValueAsString(Map.of("reportId", "traced-" + UUID.randomUUID(),
                "communityId", community, "served", List.of(order)));
        String traceId = hex(16);
        long now = System.currentTimeMillis() / 1000;
        given().contentType("application/json; charset=UTF-8").header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .header("webhook-id", "k-1").header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", Gateway.sign(secret, "k-1", now, report))
                .body(report.getBytes(StandardCharsets.UTF_8)).when().post("/inbound/{p}/meal-reports", operator)
                .then().statusCode(202);

        String orderPath = "/communities/" + community + "/orders/" + order;
        Matcher looked = traceparent(FakeCanteenService.TRACEPARENTS.get("GET " + orderPath));
        Matcher served = traceparent(FakeCanteenService.TRACEPARENTS.get("POST " + orderPath + "/serve"));
        assertEquals(traceId, looked.group(1));
        assertEquals(traceId, served.group(1));
        assertNotEquals(looked.group(2), served.group(2), "each call is a client span of its own");
    }

    private static Matcher traceparent(String header) {
        assertNotNull(header, "the call carried a traceparent");
        Matcher matcher = TRACEPARENT.matcher(header);
        assertTrue(matcher.matches(), "a W3C traceparent: " + header);
        return matcher;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(random);
    }
}
