package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Running webhooks: a subscription paused after the retry window and resumed, replays, the log, refusals. */
@QuarkusTest
class WebhookOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    EntityManager entityManager;

    @Test
    void aDeliveryFailingForTheWholeRetryWindowPausesItsSubscriptionAndResumingSendsItInOrder() {
        String community = Gateway.community("pause");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            endpoint.answer(500);
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
            UUID wallet = UUID.randomUUID();
            Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(UUID.randomUUID().toString(), community, bank, wallet, 1));
            Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(UUID.randomUUID().toString(), community, bank, wallet, 2));
            await().atMost(WAIT).until(() -> endpoint.all().size() >= 2);

            // the first delivery has been failing for longer than the 24 hours it is retried
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "update delivery set failing_since = now() - interval '25 hours' where subscription_id = ?1 and failing_since is not null")
                    .setParameter(1, subscription.id()).executeUpdate());
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Gateway.partner(bank))
                    .when().get("/partners/{p}/subscriptions/{s}", bank, subscription.id())
                    .then().statusCode(200).body("status", equalTo("PAUSED")).body("pausedReason", startsWith("Delivery ")));
            int attemptsWhenPaused = endpoint.all().size();
            given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/{p}/deliveries?status=FAILED", bank)
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].lastStatus", equalTo(500));

            endpoint.answer(200);
            sleep(1500);
            assertEquals(attemptsWhenPaused, endpoint.all().size(), "a paused subscription is not sent to");
            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/resume", bank, subscription.id())
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() >= 2);
            List<String> points = endpoint.accepted().stream()
                    .map(r -> JsonPath.from(r.body()).getString("data.points")).toList();
            assertEquals(List.of("1", "2"), points);
        }
    }

    @Test
    void aReplaySendsCopiesOfATimeRangeWithNewWebhookIds() {
        String community = Gateway.community("replay");
        String bank = Gateway.register("BANK", List.of(community), List.of("meal.delivered.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("meal.delivered.v1"));
            UUID order = UUID.randomUUID();
            Gateway.send(Gateway.CANTEEN, order.toString(), Gateway.delivered(UUID.randomUUID().toString(), community, bank, order));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 1);

            // the event happened at 2026-12-01T04:10Z (deliveredAt); the envelope's time is now
            OffsetDateTime now = OffsetDateTime.now();
            given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                    .body(Map.of("from", now.minusHours(1).toString(), "to", now.plusMinutes(1).toString()))
                    .when().post("/partners/{p}/deliveries/replay", bank)
                    .then().statusCode(202).body("queued", equalTo(1));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 2);
            PartnerEndpoint.Received original = endpoint.accepted().get(0);
            PartnerEndpoint.Received copy = endpoint.accepted().get(1);
            assertNotEquals(original.id(), copy.id());
            assertEquals(original.body(), copy.body(), "the same message (same eventId) under a new webhook-id");
            assertTrue(PartnerEndpoint.verifies(subscription.secret(), copy));

            given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/{p}/deliveries?size=1&page=1", bank)
                    .then().statusCode(200).body("total", equalTo(2)).body("items.size()", equalTo(1))
                    .body("items[0].replayOf", equalTo(null)).body("items[0].id", equalTo(original.id()));
            // a range that is backwards is refused
            given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                    .body(Map.of("from", now.toString(), "to", now.minusHours(1).toString()))
                    .when().post("/partners/{p}/deliveries/replay", bank)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void badRegistrationsAndSubscriptionsAreRefusedWithProblems() {
        String community = Gateway.community("refuse");
        String officer = Gateway.officer();
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("id", "x-bank", "name", "X", "kind", "BANK", "communities", List.of(community),
                        "eventTypes", List.of("resident.registered.v1")))
                .when().post("/partners").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("id", "Not A Code", "name", "X", "kind", "BANK", "communities", List.of(community),
                        "eventTypes", List.of("points.redeemed.v1")))
                .when().post("/partners").then().statusCode(400).contentType("application/problem+json");
        // a community worker registers partners for their own community only
        given().auth().oauth2(DevTokens.as("community-worker").community(community).mint()).contentType(ContentType.JSON)
                .body(Map.of("id", "y-" + UUID.randomUUID().toString().substring(0, 8), "name", "Y", "kind", "BANK",
                        "communities", List.of(community, "elsewhere"), "eventTypes", List.of("points.redeemed.v1")))
                .when().post("/partners").then().statusCode(403).contentType("application/problem+json");
        // residents and canteen staff are no administrators
        given().auth().oauth2(DevTokens.as("resident").community(community).mint())
                .when().get("/partners").then().statusCode(403);

        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("id", bank, "name", "again", "kind", "BANK", "communities", List.of(community),
                        "eventTypes", List.of("points.redeemed.v1")))
                .when().post("/partners").then().statusCode(409);
        for (String url : List.of("ftp://bank.example/hooks", "not a url", "https://user:pw@bank.example/hooks")) {
            given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("points.redeemed.v1")))
                    .when().post("/partners/{p}/subscriptions", bank)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        Gateway.subscribe(bank, "http://127.0.0.1:1/never", List.of("points.redeemed.v1"));
        given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://bank.example/hooks", "eventTypes", List.of("points.redeemed.v1"), "extra", 1))
                .when().post("/partners/{p}/subscriptions", bank).then().statusCode(400);
        // the secret is shown at creation only
        given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/{p}/subscriptions", bank)
                .then().statusCode(200).body("[0]", not(hasKey("secret"))).body("[0].url", equalTo("http://127.0.0.1:1/never"));
        given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/event-types")
                .then().statusCode(200).body("type", hasItem("points.redeemed.v1"));
    }

    @Test
    void aRecordThatIsNotAnEventIsDeadLetteredAndTheNextEventIsStillDelivered() {
        String community = Gateway.community("poison");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start();
                org.linli.infra.TopicProbe deadLetters = org.linli.infra.TopicProbe.tail("linli.partner-gateway.dlq")) {
            Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
            UUID wallet = UUID.randomUUID();
            org.linli.infra.TopicProbe.sendRaw(Gateway.POINTS, wallet.toString(), "this is not an event {");
            deadLetters.await(r -> wallet.toString().equals(r.key()), 1, Duration.ofSeconds(30));
            Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(UUID.randomUUID().toString(), community, bank, wallet, 3));
            await().atMost(WAIT).until(() -> endpoint.accepted().size() == 1);
        }
    }

    @Inject
    org.linli.partner.service.Housekeeping housekeeping;

    @Test
    void housekeepingDeletesOnlyFinishedDeliveriesPastTheRetention() {
        String community = Gateway.community("sweep");
        String bank = Gateway.register("BANK", List.of(community), List.of("meal.delivered.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("meal.delivered.v1"));
            for (int i = 0; i < 3; i++) {
                UUID order = UUID.randomUUID();
                Gateway.send(Gateway.CANTEEN, order.toString(),
                        Gateway.delivered(UUID.randomUUID().toString(), community, bank, order));
            }
            await().atMost(WAIT).until(() -> endpoint.accepted().size() >= 3);
            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/pause", bank, subscription.id()).then().statusCode(200);
            // one delivered long ago, one delivered lately, one pending since long ago (its subscription paused)
            QuarkusTransaction.requiringNew().run(() -> {
                @SuppressWarnings("unchecked")
                List<Object> ids = entityManager.createNativeQuery(
                        "select cast(id as varchar) from delivery where subscription_id = ?1 order by seq")
                        .setParameter(1, subscription.id()).getResultList();
                entityManager.createNativeQuery("update delivery set created_at = now() - interval '91 days' where cast(id as varchar) = ?1")
                        .setParameter(1, ids.get(0)).executeUpdate();
                entityManager.createNativeQuery("update delivery set status = 'PENDING', created_at = now() - interval '91 days' where cast(id as varchar) = ?1")
                        .setParameter(1, ids.get(2)).executeUpdate();
            });
            housekeeping.sweep();
            long left = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("select count(*) from delivery where subscription_id = ?1")
                    .setParameter(1, subscription.id()).getSingleResult()).longValue());
            assertEquals(2, left, "the old delivered one went; the recent one and the pending one stay");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
