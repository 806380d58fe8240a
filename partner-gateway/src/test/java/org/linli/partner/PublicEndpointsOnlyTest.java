package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The gateway as production runs it (linli.partner.allow-private-endpoints off): a subscription to a loopback, private,
 * link-local (cloud metadata) or cluster-internal endpoint is refused with 422 naming the reason and stores nothing, a
 * public one is taken, and an endpoint whose host has come to point inside (DNS changed after the subscription) fails
 * each attempt without a connection being made.
 */
@QuarkusTest
@TestProfile(PublicEndpointsOnlyTest.GuardOn.class)
class PublicEndpointsOnlyTest {

    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.partner.allow-private-endpoints", "false",
                    "%test.linli.partner.allow-private-endpoints", "false");
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void aSubscriptionToAnAddressInsideIsRefusedWithTheReason() {
        String community = Gateway.community("guarded");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            int port = java.net.URI.create(endpoint.url()).getPort();
            Map<String, String> refused = Map.of(
                    endpoint.url(), "127.0.0.1 is a loopback address",
                    "http://169.254.169.254/latest/meta-data/iam/security-credentials/", "169.254.169.254 is a link-local address",
                    "https://10.0.0.5/hooks", "10.0.0.5 is a private address",
                    "http://[::1]:" + port + "/hooks", "::1 is a loopback address",
                    "http://localhost:" + port + "/hooks", "localhost is a name inside Linli's network",
                    "http://resident-service:8080/device-alarms", "resident-service is a name inside Linli's network",
                    "https://100.64.10.1/hooks", "carrier-grade NAT");
            refused.forEach((url, reason) -> given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("points.redeemed.v1")))
                    .when().post("/partners/{p}/subscriptions", bank)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("status", equalTo(422)).body("detail", containsString(reason))
                    .body("violations[0].field", equalTo("url")).body("violations[0].message", containsString(reason)));
            given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/{p}/subscriptions", bank)
                    .then().statusCode(200).body("size()", equalTo(0));
            assertTrue(endpoint.all().isEmpty(), "nothing was sent to the endpoint");

            // a public address is taken
            given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://93.184.215.14/linli-hooks", "eventTypes", List.of("points.redeemed.v1")))
                    .when().post("/partners/{p}/subscriptions", bank).then().statusCode(201);
        }
    }

    @Test
    void anEndpointWhoseHostNowPointsInsideFailsEachAttemptWithoutAConnection() {
        String community = Gateway.community("rebound");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, "https://93.184.215.14/linli-hooks",
                    List.of("points.redeemed.v1"));
            // the partner's host name now resolves to this machine (a DNS rebinding), as if the row had been written so
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("update subscription set url = ?1 where id = ?2")
                    .setParameter(1, endpoint.url()).setParameter(2, subscription.id()).executeUpdate());
            UUID volunteer = UUID.randomUUID();
            Gateway.send(Gateway.POINTS, volunteer.toString(),
                    Gateway.redeemed(UUID.randomUUID().toString(), community, bank, volunteer, 30));

            await().atMost(Duration.ofSeconds(45)).until(() -> lastError(subscription.id()) != null);
            Object[] delivery = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                    "select status, last_error, attempts from delivery where subscription_id = ?1")
                    .setParameter(1, subscription.id()).getSingleResult());
            assertEquals("PENDING", delivery[0], "retried later, like any failed attempt");
            assertTrue(((String) delivery[1]).startsWith("endpoint refused: 127.0.0.1 is a loopback address"),
                    (String) delivery[1]);
            assertTrue(endpoint.all().isEmpty(), "no request reached the address inside");
            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/pause", bank, subscription.id()).then().statusCode(200);
        }
    }

    private String lastError(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> errors = entityManager.createNativeQuery("select last_error from delivery where subscription_id = ?1")
                    .setParameter(1, subscription).getResultList();
            return errors.isEmpty() ? null : (String) errors.get(0);
        });
    }
}
