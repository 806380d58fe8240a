package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A partner cannot make Linli record its requests: with a sampling ratio of 0, an alarm that arrives with a
 * {@code traceparent} flagged "sampled" reaches resident-service in the same trace (correlation kept) but unsampled,
 * so neither the gateway nor resident-service nor the events after them record or export it.
 */
@QuarkusTest
@TestProfile(UntrustedTraceFlagTest.NothingSampled.class)
class UntrustedTraceFlagTest {

    @Test
    void aPartnersSampledFlagDoesNotMakeLinliRecordItsRequest() throws Exception {
        String community = Gateway.community("untrusted-flag");
        String vendor = Gateway.register("DEVICE_VENDOR", List.of(community), List.of("care-alert.resolved.v1"));
        String secret = Gateway.rollInboundSecret(vendor);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String alarmId = "gas-" + UUID.randomUUID();
        String body = "{\"alarmId\":\"" + alarmId + "\",\"communityId\":\"" + community + "\",\"householdId\":\""
                + UUID.randomUUID() + "\",\"kind\":\"GAS_LEAK\",\"deviceId\":\"det-9\"}";
        long now = System.currentTimeMillis() / 1000;
        given().contentType("application/json").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("webhook-id", "u-1").header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", Gateway.sign(secret, "u-1", now, body)).body(body)
                .when().post("/inbound/{p}/device-alarms", vendor).then().statusCode(202);

        String sent = FakeResidentService.TRACEPARENTS.get(vendor + ":" + alarmId);
        assertNotNull(sent, "the call carried a traceparent");
        String[] parts = sent.split("-");
        assertEquals(traceId, parts[1], "the partner's trace id is kept, to correlate");
        assertEquals("00", parts[3], "but not its decision to sample: the gateway's ratio (0 here) decides");
    }

    /** No trace sampled by the gateway's own ratio. */
    public static class NothingSampled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler.arg", "0");
        }
    }
}
