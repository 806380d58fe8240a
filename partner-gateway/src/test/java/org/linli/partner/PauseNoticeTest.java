package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.partner.service.Dispatcher;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A subscription paused after its retry window tells the partner's technical contact by e-mail (a real SMTP server),
 * once per pause; a mail server that is down delays the notice, never loses it. The contact is validated and stored
 * encrypted.
 */
@QuarkusTest
class PauseNoticeTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    EntityManager entityManager;

    @Inject
    Dispatcher dispatcher;

    @Test
    void aSubscriptionPausedAfterADayOfFailuresTellsThePartnersContactOnce() throws Exception {
        String contact = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@bank.example";
        String community = Gateway.community("notice");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"), contact);
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            endpoint.answer(500);
            Gateway.Subscribed subscription = pausedAfterADayOfFailures(bank, community, endpoint);

            await().atMost(WAIT).until(() -> PartnerMailbox.to(contact).size() == 1);
            MimeMessage notice = PartnerMailbox.to(contact).get(0);
            String text = ((String) notice.getContent()).replace("\r\n", "\n");
            assertTrue(notice.getSubject().contains(subscription.id().toString()), notice.getSubject());
            assertTrue(text.contains("订阅：" + subscription.id()) && text.contains("Subscription: " + subscription.id()), text);
            assertTrue(text.contains("端点主机：127.0.0.1") && text.contains("Endpoint host: 127.0.0.1"), text);
            assertFalse(text.contains(endpoint.url()) || text.contains("/hooks"), "the host only, not the endpoint's URL");
            assertTrue(text.contains("最后一次失败：HTTP 500") && text.contains("Last failure: HTTP 500"), text);
            assertTrue(text.contains("Failing since: ") && text.contains("失败开始于："), text);
            assertTrue(text.contains("POST /partners/" + bank + "/subscriptions/" + subscription.id() + "/resume"), text);
            assertTrue(text.indexOf("您好") < text.indexOf("Hello"), "Chinese first, then English");

            // more rounds: the subscription is paused already, so no second notice
            dispatcher.round();
            dispatcher.round();
            Thread.sleep(1500);
            assertEquals(1, PartnerMailbox.to(contact).size(), "one notice per pause");
            assertEquals(List.of("SENT"), notices(subscription.id()));

            // resumed, failing a day again, paused again: that is a new pause, with its own notice
            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/resume", bank, subscription.id()).then().statusCode(200);
            await().atMost(WAIT).until(() -> failingForADay(subscription.id()) > 0);
            await().atMost(WAIT).until(() -> PartnerMailbox.to(contact).size() == 2);
            assertEquals(List.of("SENT", "SENT"), notices(subscription.id()));
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("linli_partner_webhooks_total{outcome=\"given-up\"}"), "the alert rule's metric");
        assertTrue(metrics.contains("linli_partner_pause_notices_total{outcome=\"sent\"}"));
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus.log"));
        assertFalse(log.contains(contact), "the contact's address is never logged");
    }

    @Test
    void aPauseNoticeWaitsForAMailServerThatIsDownAndIsSentOnceItIsBack() throws Exception {
        String contact = "hooks-" + UUID.randomUUID().toString().substring(0, 8) + "@canteen.example";
        String community = Gateway.community("smtp-down");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"), contact);
        PartnerMailbox.down();
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            endpoint.answer(503);
            Gateway.Subscribed subscription = pausedAfterADayOfFailures(bank, community, endpoint);
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("select count(*) from pause_notice where subscription_id = ?1 and status = 'PENDING'"
                            + " and attempts >= 2 and last_error like 'smtp: %'")
                    .setParameter(1, subscription.id()).getSingleResult()).longValue() == 1));
        } finally {
            PartnerMailbox.up();
        }
        await().atMost(WAIT).until(() -> PartnerMailbox.to(contact).size() == 1);
        Thread.sleep(1500);
        assertEquals(1, PartnerMailbox.to(contact).size());
    }

    @Test
    void aPartnerWithoutAContactIsPausedWithoutANotice() throws Exception {
        String community = Gateway.community("no-contact");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            endpoint.answer(500);
            Gateway.Subscribed subscription = pausedAfterADayOfFailures(bank, community, endpoint);
            await().atMost(WAIT).until(() -> notices(subscription.id()).equals(List.of("NO_CONTACT")));
        }
    }

    @Test
    void theTechnicalContactIsValidatedChangedByThePartnerMaskedInListsAndStoredEncrypted() {
        String community = Gateway.community("contact");
        given().auth().oauth2(Gateway.officer()).contentType(ContentType.JSON)
                .body(Map.of("id", "c-" + UUID.randomUUID().toString().substring(0, 8), "name", "C", "kind", "BANK",
                        "communities", List.of(community), "eventTypes", List.of("points.redeemed.v1"),
                        "technicalContactEmail", "not an address"))
                .when().post("/partners").then().statusCode(400).contentType("application/problem+json");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"), "dev-team@bank.example");
        given().auth().oauth2(Gateway.partner(bank)).when().get("/partners/{p}", bank)
                .then().statusCode(200).body("technicalContactEmail", equalTo("dev-team@bank.example"));

        given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON)
                .body(Map.of("email", "webhooks@bank.example"))
                .when().put("/partners/{p}/technical-contact", bank)
                .then().statusCode(200).body("technicalContactEmail", equalTo("webhooks@bank.example"));
        given().auth().oauth2(Gateway.partner(bank)).when().get("/partners")
                .then().statusCode(200).body("[0].technicalContactEmail", equalTo("w***@bank.example"));
        given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON).body(Map.of("email", "nobody@localhost"))
                .when().put("/partners/{p}/technical-contact", bank)
                .then().statusCode(400).contentType("application/problem+json");
        String other = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        given().auth().oauth2(Gateway.partner(other)).contentType(ContentType.JSON).body(Map.of("email", "x@evil.example"))
                .when().put("/partners/{p}/technical-contact", bank).then().statusCode(404);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select technical_contact from partner where id = ?1").setParameter(1, bank)
                .getSingleResult());
        assertFalse(stored.contains("bank.example"), "stored encrypted");

        given().auth().oauth2(Gateway.partner(bank)).contentType(ContentType.JSON).body("{\"email\":null}")
                .when().put("/partners/{p}/technical-contact", bank)
                .then().statusCode(200).body("technicalContactEmail", equalTo(null));
    }

    /** A subscription whose first delivery has failed for more than the 24 hours it is retried: paused. */
    private Gateway.Subscribed pausedAfterADayOfFailures(String bank, String community, PartnerEndpoint endpoint) {
        Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
        UUID wallet = UUID.randomUUID();
        Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(UUID.randomUUID().toString(), community, bank, wallet, 5));
        await().atMost(WAIT).until(() -> failingForADay(subscription.id()) > 0);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Gateway.partner(bank))
                .when().get("/partners/{p}/subscriptions/{s}", bank, subscription.id())
                .then().statusCode(200).body("status", equalTo("PAUSED")));
        return subscription;
    }

    /** Makes the failing deliveries of the subscription fail since 25 hours; answers how many there were. */
    private int failingForADay(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "update delivery set failing_since = now() - interval '25 hours' where subscription_id = ?1 and failing_since is not null")
                .setParameter(1, subscription).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private List<String> notices(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select status from pause_notice where subscription_id = ?1 order by paused_at")
                .setParameter(1, subscription).getResultList());
    }
}
