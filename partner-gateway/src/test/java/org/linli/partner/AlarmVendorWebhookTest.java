package org.linli.partner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A device vendor hears of the care alerts its own alarms raised (acknowledged, resolved), never of another vendor's
 * serving the same community, also when resident-service's event is read before the gateway recorded who sent the
 * alarm.
 */
@QuarkusTest
class AlarmVendorWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final List<String> TYPES = List.of("care-alert.acknowledged.v1", "care-alert.resolved.v1");

    @Inject
    EntityManager entityManager;

    @Test
    void twoVendorsServingOneCommunityEachReceiveOnlyTheAlertsOfTheirOwnAlarms() throws Exception {
        String community = Gateway.community("two-vendors");
        try (PartnerEndpoint firstEndpoint = PartnerEndpoint.start(); PartnerEndpoint secondEndpoint = PartnerEndpoint.start()) {
            String first = subscribedVendor(community, firstEndpoint);
            String second = subscribedVendor(community, secondEndpoint);
            UUID firstAlert = Gateway.alarm(first, Gateway.rollInboundSecret(first), community, "kitchen-gas-1");
            UUID secondAlert = Gateway.alarm(second, Gateway.rollInboundSecret(second), community, "kitchen-gas-1");

            for (UUID alert : List.of(firstAlert, secondAlert)) {
                for (String type : TYPES) {
                    Gateway.send(Gateway.CARE_ALERTS, alert.toString(), Gateway.careAlert(type, alert, community, "GAS_ALARM"));
                }
            }
            await().atMost(WAIT).until(() -> firstEndpoint.accepted().size() >= 2 && secondEndpoint.accepted().size() >= 2);
            Thread.sleep(2000);
            assertEquals(List.of("care-alert.acknowledged.v1@" + firstAlert, "care-alert.resolved.v1@" + firstAlert),
                    seen(firstEndpoint), "the first vendor hears of its own alarm's alert only");
            assertEquals(List.of("care-alert.acknowledged.v1@" + secondAlert, "care-alert.resolved.v1@" + secondAlert),
                    seen(secondEndpoint), "the second vendor hears of its own alarm's alert only");
        }
    }

    @Test
    void anAlertsEventReadBeforeTheGatewayRecordedItsSenderReachesTheSenderOnceRecorded() throws Exception {
        String community = Gateway.community("overtaken");
        try (PartnerEndpoint endpoint = PartnerEndpoint.start(); PartnerEndpoint otherEndpoint = PartnerEndpoint.start()) {
            String vendor = subscribedVendor(community, endpoint);
            subscribedVendor(community, otherEndpoint);
            String alarmId = "smoke-" + UUID.randomUUID();
            // resident-service's event overtakes the gateway's commit: the alert the alarm will raise is known in advance
            UUID alert = FakeResidentService.alertId(vendor + ":" + alarmId);
            Gateway.send(Gateway.CARE_ALERTS, alert.toString(),
                    Gateway.careAlert("care-alert.acknowledged.v1", alert, community, "SMOKE_ALARM"));
            await().atMost(WAIT).until(() -> held(alert) == 1);
            assertEquals(0, endpoint.all().size() + otherEndpoint.all().size(), "nobody hears of it while its sender is unknown");
            String kept = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                    .createNativeQuery("select event from held_alert_event where alert_id = ?1").setParameter(1, alert)
                    .getSingleResult());
            for (String personal : List.of("residentId", "householdId", "gridId", "traceparent")) {
                assertFalse(kept.contains(personal), "the gateway keeps only what partners may see, not " + personal);
            }

            assertEquals(alert, Gateway.alarm(vendor, Gateway.rollInboundSecret(vendor), community, alarmId));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 1);
            assertEquals(List.of("care-alert.acknowledged.v1@" + alert), seen(endpoint));
            assertEquals(0, held(alert), "released");
            Gateway.send(Gateway.CARE_ALERTS, alert.toString(),
                    Gateway.careAlert("care-alert.resolved.v1", alert, community, "SMOKE_ALARM"));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 2);
            Thread.sleep(1000);
            assertEquals(0, otherEndpoint.all().size(), "the other vendor hears of none of it");
        }
    }

    /** A device vendor serving the community, subscribed to the alerts' acknowledgement and resolution there. */
    private static String subscribedVendor(String community, PartnerEndpoint endpoint) {
        String vendor = Gateway.register("DEVICE_VENDOR", List.of(community), TYPES);
        Gateway.subscribe(vendor, endpoint.url(), TYPES);
        return vendor;
    }

    private long held(UUID alert) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from held_alert_event where alert_id = ?1").setParameter(1, alert)
                .getSingleResult()).longValue());
    }

    private static List<String> seen(PartnerEndpoint endpoint) {
        return endpoint.accepted().stream().map(r -> JsonPath.from(r.body()))
                .map(body -> body.getString("type") + "@" + body.getString("data.alertId")).toList();
    }
}
