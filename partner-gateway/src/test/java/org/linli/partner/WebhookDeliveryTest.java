package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Events on the topics reach the partners whose subscriptions cover them: once each, signed as Standard Webhooks
 * specifies, without personal data, in key order after an outage, and to nobody else.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    ObjectMapper mapper;
    @Inject
    jakarta.persistence.EntityManager entityManager;

    @Test
    void eachSubscribedEventArrivesOnceSignedAndCarryingIdsAndFiguresOnly() throws Exception {
        String community = Gateway.community("changshan");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1", "meal.delivered.v1",
                "redemption.handed-over.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(),
                    List.of("points.redeemed.v1", "meal.delivered.v1"));
            UUID volunteer = UUID.randomUUID();
            UUID order = UUID.randomUUID();
            String redeemed = Gateway.redeemed(UUID.randomUUID().toString(), community, bank, volunteer, 30);
            Gateway.send(Gateway.POINTS, volunteer.toString(), redeemed);
            Gateway.send(Gateway.CANTEEN, order.toString(), Gateway.delivered(UUID.randomUUID().toString(), community, bank, order));
            // a type the subscription does not ask for, and Kafka redelivering the redemption (same event id)
            Gateway.send(Gateway.POINTS, volunteer.toString(), Gateway.handedOver(UUID.randomUUID().toString(), community, bank, volunteer));
            Gateway.send(Gateway.POINTS, volunteer.toString(), redeemed);

            await().atMost(WAIT).until(() -> endpoint.accepted().size() >= 2);
            Thread.sleep(3000); // long enough for a duplicate to follow (the dispatcher polls every 200 ms in tests)
            List<PartnerEndpoint.Received> received = endpoint.all();
            assertEquals(2, received.size(), "each subscribed event once, the other type and the redelivery never: " + received);
            assertEquals(Set.of("points.redeemed.v1", "meal.delivered.v1"),
                    received.stream().map(r -> type(r)).collect(Collectors.toSet()));
            for (PartnerEndpoint.Received request : received) {
                assertTrue(PartnerEndpoint.verifies(subscription.secret(), request), "signature verifies: " + request);
                assertFalse(PartnerEndpoint.verifies(otherSecret(), request), "another secret does not verify it");
                assertEquals("application/json", request.contentType());
                assertTrue(Long.parseLong(request.timestamp()) > 1_700_000_000L, "unix seconds");
                assertNoPersonalData(request.body());
            }
            JsonNode redemption = body(received.stream().filter(r -> type(r).equals("points.redeemed.v1")).findFirst().get());
            assertEquals(community, redemption.get("communityId").asText());
            assertEquals(30, redemption.at("/data/points").asInt());
            assertEquals(Set.of("redemptionId", "rewardId", "sponsorId", "communityId", "points", "redeemedAt"),
                    fields(redemption.get("data")));
            JsonNode meal = body(received.stream().filter(r -> type(r).equals("meal.delivered.v1")).findFirst().get());
            assertEquals(order.toString(), meal.at("/data/orderId").asText());
            assertEquals(300, meal.at("/data/price/sponsorFen").asInt());
            assertEquals(Set.of("orderId", "communityId", "mealDate", "runId", "deliveredAt", "price"), fields(meal.get("data")));

            given().auth().oauth2(Gateway.partner(bank))
                    .when().get("/partners/{p}/deliveries?subscriptionId={s}", bank, subscription.id())
                    .then().statusCode(200).body("total", equalTo(2)).body("items.status", equalTo(List.of("DELIVERED", "DELIVERED")));
        }
        // the gateway read the producer's mistaken name field and logged nothing of it
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus.log"));
        assertFalse(log.contains("张秀英") || log.contains("volunteerName"), "no personal data in the gateway's log");
    }

    @Test
    void anEndpointThatFailsForAWhileGetsEveryEventAfterItRecoversInKeyOrder() {
        String community = Gateway.community("laodong");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            endpoint.answer(503);
            Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
            List<UUID> wallets = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            Map<String, List<Integer>> sent = new LinkedHashMap<>();
            Map<String, String> walletOf = new HashMap<>(); // event id -> wallet (the webhook names no volunteer)
            for (int n = 1; n <= 4; n++) {
                for (UUID wallet : wallets) {
                    String eventId = UUID.randomUUID().toString();
                    walletOf.put(eventId, wallet.toString());
                    Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(eventId, community, bank, wallet, n));
                    sent.computeIfAbsent(wallet.toString(), w -> new ArrayList<>()).add(n);
                }
            }
            // the endpoint is down: attempts are made (and retried) but none is taken
            await().atMost(WAIT).until(() -> endpoint.all().size() >= 6);
            assertTrue(endpoint.accepted().isEmpty());
            endpoint.answer(204);

            await().atMost(WAIT).until(() -> endpoint.accepted().size() >= 12);
            List<PartnerEndpoint.Received> accepted = endpoint.accepted();
            assertEquals(12, accepted.stream().map(PartnerEndpoint.Received::id).distinct().count(), "each event once");
            Map<String, List<Integer>> taken = new HashMap<>();
            for (PartnerEndpoint.Received request : accepted) {
                JsonNode body = body(request);
                taken.computeIfAbsent(walletOf.get(body(request).get("eventId").asText()), w -> new ArrayList<>()).add(body.at("/data/points").asInt());
            }
            for (String wallet : sent.keySet()) {
                assertEquals(List.of(1, 2, 3, 4), taken.get(wallet), "wallet " + wallet + "'s redemptions in order");
            }
            // before recovery, a later event of a key was never tried ahead of an earlier one
            for (String wallet : sent.keySet()) {
                List<Integer> tried = new ArrayList<>();
                for (PartnerEndpoint.Received request : endpoint.all()) {
                    if (walletOf.get(body(request).get("eventId").asText()).equals(wallet)) {
                        int points = body(request).at("/data/points").asInt();
                        if (tried.isEmpty() || tried.get(tried.size() - 1) != points) {
                            tried.add(points);
                        }
                    }
                }
                assertEquals(List.of(1, 2, 3, 4), tried, "attempts of wallet " + wallet + " kept its order");
            }
        }
    }

    @Test
    void aPartnerNeverReceivesAnotherPartnersOrAnotherCommunitysEvents() throws Exception {
        String mine = Gateway.community("mine");
        String theirs = Gateway.community("theirs");
        String nobodys = Gateway.community("nobodys");
        String bank = Gateway.register("BANK", List.of(mine), List.of("points.redeemed.v1"));
        String otherBank = Gateway.register("BANK", List.of(mine), List.of("points.redeemed.v1"));
        String operator = Gateway.register("CANTEEN_OPERATOR", List.of(theirs, mine), List.of("meal.delivered.v1"));
        try (PartnerEndpoint bankEndpoint = PartnerEndpoint.start(); PartnerEndpoint otherEndpoint = PartnerEndpoint.start();
                PartnerEndpoint operatorEndpoint = PartnerEndpoint.start()) {
            Gateway.subscribe(bank, bankEndpoint.url(), List.of("points.redeemed.v1"));
            Gateway.subscribe(otherBank, otherEndpoint.url(), List.of("points.redeemed.v1"));
            Gateway.subscribe(operator, operatorEndpoint.url(), List.of("meal.delivered.v1"));
            // the operator may not subscribe to what it may not receive
            given().auth().oauth2(Gateway.partner(operator)).contentType("application/json")
                    .body(Map.of("url", operatorEndpoint.url(), "eventTypes", List.of("points.redeemed.v1")))
                    .when().post("/partners/{p}/subscriptions", operator)
                    .then().statusCode(400).contentType("application/problem+json");

            // in each community: a redemption of a reward the bank sponsors, one the other bank sponsors, a meal
            int points = 0;
            for (String community : List.of(mine, theirs, nobodys)) {
                for (String sponsor : List.of(bank, otherBank)) {
                    UUID wallet = UUID.randomUUID();
                    points++;
                    Gateway.send(Gateway.POINTS, wallet.toString(),
                            Gateway.redeemed(UUID.randomUUID().toString(), community, sponsor, wallet, points));
                }
                UUID order = UUID.randomUUID();
                Gateway.send(Gateway.CANTEEN, order.toString(),
                        Gateway.delivered(UUID.randomUUID().toString(), community, bank, order));
            }
            await().atMost(WAIT).until(() -> bankEndpoint.accepted().size() >= 1 && otherEndpoint.accepted().size() >= 1
                    && operatorEndpoint.accepted().size() >= 2);
            Thread.sleep(3000);
            assertEquals(List.of("points.redeemed.v1@" + mine), seen(bankEndpoint));
            assertEquals(bank, body(bankEndpoint.accepted().get(0)).at("/data/sponsorId").asText(),
                    "a bank receives the redemptions of the rewards it sponsors, not another sponsor's");
            assertEquals(List.of("points.redeemed.v1@" + mine), seen(otherEndpoint));
            assertEquals(otherBank, body(otherEndpoint.accepted().get(0)).at("/data/sponsorId").asText());
            assertEquals(1, bankEndpoint.all().size());
            assertEquals(1, otherEndpoint.all().size());
            assertEquals(Set.of("meal.delivered.v1@" + mine, "meal.delivered.v1@" + theirs), Set.copyOf(seen(operatorEndpoint)));
            assertEquals(2, operatorEndpoint.all().size());

            // and one partner cannot look at or act for another
            given().auth().oauth2(Gateway.partner(operator)).when().get("/partners/{p}/deliveries", bank).then().statusCode(404);
            given().auth().oauth2(Gateway.partner(operator)).when().get("/partners/{p}/subscriptions", bank).then().statusCode(404);
            given().auth().oauth2(Gateway.partner(operator)).contentType("application/json")
                    .body(Map.of("url", operatorEndpoint.url(), "eventTypes", List.of("points.redeemed.v1")))
                    .when().post("/partners/{p}/subscriptions", bank).then().statusCode(404);
            given().auth().oauth2(org.linli.infra.DevTokens.as("community-worker").community(theirs).mint())
                    .when().get("/partners/{p}", bank).then().statusCode(404);
            given().auth().oauth2(org.linli.infra.DevTokens.as("community-worker").community(theirs).mint())
                    .when().get("/partners/{p}", operator).then().statusCode(200);
        }
    }

    @Test
    void aDeviceVendorHearsOfItsAlarmsCareAlertsAndNothingElse() throws Exception {
        String community = Gateway.community("alarm");
        String vendor = Gateway.register("DEVICE_VENDOR", List.of(community), List.of("care-alert.resolved.v1"));
        String bank = Gateway.register("BANK", List.of(community), List.of("care-alert.resolved.v1"));
        try (PartnerEndpoint vendorEndpoint = PartnerEndpoint.start(); PartnerEndpoint bankEndpoint = PartnerEndpoint.start()) {
            Gateway.subscribe(vendor, vendorEndpoint.url(), List.of("care-alert.resolved.v1"));
            Gateway.subscribe(bank, bankEndpoint.url(), List.of("care-alert.resolved.v1"));
            UUID gas = Gateway.alarm(vendor, Gateway.rollInboundSecret(vendor), community, "gas-" + UUID.randomUUID());
            UUID welfare = UUID.randomUUID();
            Gateway.send(Gateway.CARE_ALERTS, welfare.toString(),
                    Gateway.careAlert("care-alert.resolved.v1", welfare, community, "WELFARE_CONCERN"));
            Gateway.send(Gateway.CARE_ALERTS, gas.toString(),
                    Gateway.careAlert("care-alert.resolved.v1", gas, community, "GAS_ALARM"));
            await().atMost(WAIT).until(() -> vendorEndpoint.accepted().size() >= 1);
            Thread.sleep(3000);
            assertEquals(1, vendorEndpoint.all().size(), "the gas alarm's alert only, not a welfare concern");
            JsonNode resolved = body(vendorEndpoint.accepted().get(0));
            assertEquals("GAS_ALARM", resolved.at("/data/cause").asText());
            assertEquals(gas.toString(), resolved.at("/data/alertId").asText());
            assertEquals(Set.of("alertId", "communityId", "cause", "raisedAt", "acknowledgedAt", "resolvedAt"),
                    fields(resolved.get("data")), "no resident, household or grid");
            assertEquals(0, bankEndpoint.all().size(), "a bank hears of no alarm");
        }
    }

    @Test
    void duringARolledSecretsOverlapDeliveriesVerifyWithEitherSecret() {
        String community = Gateway.community("roll");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
            String rolled = given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/secret/roll", bank, subscription.id())
                    .then().statusCode(200).extract().jsonPath().getString("secret");
            assertTrue(rolled.startsWith("whsec_") && !rolled.equals(subscription.secret()));

            UUID wallet = UUID.randomUUID();
            Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(UUID.randomUUID().toString(), community, bank, wallet, 7));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 1);
            PartnerEndpoint.Received request = endpoint.accepted().get(0);
            assertEquals(2, request.signature().split(" ").length, "two v1 signatures: " + request.signature());
            assertTrue(PartnerEndpoint.verifies(rolled, request), "the new secret verifies");
            assertTrue(PartnerEndpoint.verifies(subscription.secret(), request), "the old secret still verifies");

            // and the database keeps neither in clear
            @SuppressWarnings("unchecked")
            List<String> stored = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("select secret from signing_secret where subscription_id = ?1")
                    .setParameter(1, subscription.id()).getResultList());
            assertEquals(2, stored.size());
            for (String value : stored) {
                assertFalse(value.contains("whsec_") || value.contains(rolled.substring(6))
                        || value.contains(subscription.secret().substring(6)), "a secret is stored encrypted");
            }
        }
    }

    private static String otherSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static void assertNoPersonalData(String body) {
        for (String forbidden : List.of("volunteerId", "dinerId", "deliveredBy", "welfareCheck", "CONCERN", "volunteerName",
                "张秀英", "balanceAfter", "postingId", "districtId")) {
            assertFalse(body.contains(forbidden), forbidden + " must not reach a partner: " + body);
        }
    }

    private List<String> seen(PartnerEndpoint endpoint) {
        return endpoint.accepted().stream().map(r -> type(r) + "@" + body(r).get("communityId").asText()).toList();
    }

    private String type(PartnerEndpoint.Received request) {
        return body(request).get("type").asText();
    }

    private JsonNode body(PartnerEndpoint.Received request) {
        try {
            return mapper.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
