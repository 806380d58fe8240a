package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TopicProbe;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.events.FamilyLinkEvents;
import org.linli.resident.events.ResidentEvents;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A son or daughter signs in as themself and acts for a parent only through a family link the parent consented to:
 * who may act for whom, for what, until when; every grant, revocation and act for the parent is on record.
 */
@QuarkusTest
class FamilyLinkTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    static String family(UUID memberId) {
        return DevTokens.as("family").subject(memberId.toString()).mint();
    }

    static void consent(TestCommunity community, String residentId, String purpose) {
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("purpose", purpose))
                .when().post("/communities/{c}/residents/{id}/consents", community.code(), residentId)
                .then().statusCode(201);
    }

    /** A worker links the member for these purposes (expects 201) and returns the link's id. */
    static String link(TestCommunity community, String parentId, UUID memberId, String... purposes) {
        return given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", memberId, "relationship", "daughter", "purposes", List.of(purposes)))
                .when().post("/communities/{c}/residents/{id}/family-links", community.code(), parentId)
                .then().statusCode(201).extract().path("id");
    }

    static void revoke(TestCommunity community, String parentId, String linkId) {
        given().auth().oauth2(community.worker()).when()
                .post("/communities/{c}/residents/{id}/family-links/{l}/revoke", community.code(), parentId, linkId)
                .then().statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void grantingALinkWithoutTheParentsConsentIsRefusedAndAGrantedOneIsAuditedAndPublishedWithoutNames() {
        TestCommunity community = TestCommunity.create();
        String mother = community.register(RegistryTest.elder("赵秀兰", "1950-03-14", ",\"housebound\":true"));
        UUID daughter = UUID.randomUUID();
        Map<String, Object> request = Map.of("memberId", daughter, "relationship", "daughter",
                "purposes", List.of("MEALS", "CARE_ALERTS"));
        String links = "/communities/{c}/residents/{id}/family-links";

        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(request)
                .when().post(links, community.code(), mother)
                .then().statusCode(409).body("detail", containsString("FAMILY_ACCESS"));
        given().auth().oauth2(family(daughter)).when().get("/family-links").then().statusCode(200).body("$", hasSize(0));

        consent(community, mother, "FAMILY_ACCESS");
        String linkId;
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            linkId = given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(request)
                    .when().post(links, community.code(), mother)
                    .then().statusCode(201)
                    .body("status", equalTo("ACTIVE")).body("parentName", equalTo("赵秀兰"))
                    .body("memberId", equalTo(daughter.toString()))
                    .body("purposes", containsInAnyOrder("MEALS", "CARE_ALERTS"))
                    .extract().path("id");
            ConsumerRecord<String, String> granted = topic.await(r -> r.value().contains(FamilyLinkEvents.GRANTED)
                    && r.value().contains(linkId), 1, PATIENCE).get(0);
            assertTrue(granted.key().equals(mother), "keyed by the parent: " + granted.key());
            assertTrue(granted.value().contains(daughter.toString()) && granted.value().contains("\"MEALS\""),
                    granted.value());
            assertFalse(granted.value().contains("赵秀兰") || granted.value().contains("daughter"),
                    "no names or relationships in events: " + granted.value());
        }

        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(request)
                .when().post(links, community.code(), mother).then().statusCode(409); // one standing link per member
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", mother, "relationship", "self", "purposes", List.of("MEALS")))
                .when().post(links, community.code(), mother)
                .then().statusCode(400).body("violations.field", hasItem("memberId"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", UUID.randomUUID(), "relationship", "son", "purposes", List.of("MEALS"),
                        "validUntil", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString()))
                .when().post(links, community.code(), mother).then().statusCode(400);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", UUID.randomUUID(), "relationship", "son", "purposes", List.of()))
                .when().post(links, community.code(), mother).then().statusCode(400);

        given().auth().oauth2(community.worker()).when().get("/communities/{c}/audit?subjectId={id}", community.code(), mother)
                .then().statusCode(200).body("action", hasItem("GRANT_FAMILY_LINK"));
        given().auth().oauth2(family(daughter)).when().get("/family-links").then().statusCode(200)
                .body("id", contains(linkId)).body("[0].communityId", equalTo(community.code()))
                .body("[0].parentId", equalTo(mother)).body("[0].parentName", equalTo("赵秀兰"));
        given().auth().oauth2(community.worker()).when()
                .get("/communities/{c}/family-links?memberId={m}", community.code(), daughter)
                .then().statusCode(200).body("id", contains(linkId));
        given().auth().oauth2(community.resident(mother)).when().get(links, community.code(), mother)
                .then().statusCode(200).body("id", contains(linkId));

        TestCommunity other = TestCommunity.create();
        given().auth().oauth2(other.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", UUID.randomUUID(), "relationship", "son", "purposes", List.of("MEALS")))
                .when().post(links, community.code(), mother).then().statusCode(404);
        given().auth().oauth2(other.worker()).when().get(links, community.code(), mother).then().statusCode(404);
        given().auth().oauth2(other.worker()).when().get("/communities/{c}/family-links", community.code())
                .then().statusCode(404);
    }

    @Test
    void theParentLinksTheirDaughterThemselfAndTheLinkEndsWithTheDaughterOrTheWithdrawnConsent() {
        TestCommunity community = TestCommunity.create();
        String mother = community.register(RegistryTest.elder("钱玉珍", "1947-08-02", ""));
        String neighbour = community.register(RegistryTest.elder("孙德明", "1941-01-09", ""));
        String self = community.resident(mother);
        UUID daughter = UUID.randomUUID();
        String links = "/communities/{c}/residents/{id}/family-links";

        String linkId = given().auth().oauth2(self).contentType(ContentType.JSON)
                .body(Map.of("memberId", daughter, "relationship", "女儿", "purposes", List.of("MEALS")))
                .when().post(links, community.code(), mother)
                .then().statusCode(201).body("grantedBy", equalTo(mother)).extract().path("id");
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents/{id}/consents", community.code(), mother)
                .then().body("find { it.purpose == 'FAMILY_ACCESS' }.recordedBy", equalTo("self"));
        given().auth().oauth2(self).contentType(ContentType.JSON)
                .body(Map.of("memberId", daughter, "relationship", "女儿", "purposes", List.of("MEALS")))
                .when().post(links, community.code(), neighbour).then().statusCode(404); // only for themself

        given().auth().oauth2(family(UUID.randomUUID())).when()
                .post(links + "/{l}/revoke", community.code(), mother, linkId).then().statusCode(404); // not their link
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            String revokedAt = given().auth().oauth2(family(daughter)).when()
                    .post(links + "/{l}/revoke", community.code(), mother, linkId)
                    .then().statusCode(200).body("status", equalTo("REVOKED")).body("revokedBy", equalTo(daughter.toString()))
                    .extract().path("revokedAt");
            topic.await(r -> r.key().equals(mother) && r.value().contains(FamilyLinkEvents.REVOKED)
                    && r.value().contains(linkId), 1, PATIENCE);
            given().auth().oauth2(self).when().post(links + "/{l}/revoke", community.code(), mother, linkId)
                    .then().statusCode(200).body("revokedAt", equalTo(revokedAt)); // a retry answers the same
        }
        given().auth().oauth2(family(daughter)).when().get("/family-links").then().body("$", hasSize(0));
        given().auth().oauth2(family(daughter)).when().get("/family-links?all=true")
                .then().body("status", contains("REVOKED"));

        UUID son = UUID.randomUUID();
        String sons = link(community, mother, son, "MEALS", "CARE_ALERTS");
        String consentId = given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}/consents", community.code(), mother)
                .then().extract().path("find { it.purpose == 'FAMILY_ACCESS' }.id");
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            given().auth().oauth2(community.worker()).when()
                    .post("/communities/{c}/residents/{id}/consents/{k}/withdraw", community.code(), mother, consentId)
                    .then().statusCode(200);
            topic.await(r -> r.value().contains(FamilyLinkEvents.REVOKED) && r.value().contains(sons), 1, PATIENCE);
        }
        given().auth().oauth2(family(son)).when().get("/family-links?all=true")
                .then().body("status", contains("REVOKED"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("memberId", son, "relationship", "son", "purposes", List.of("MEALS")))
                .when().post(links, community.code(), mother).then().statusCode(409); // no consent any more
    }

    @Test
    void aCareAlertsLinkLetsTheDaughterAcknowledgeHerMothersAlertAndTheRecordsShowWhoActedForWhom() {
        CareAlertTest.Circle circle = CareAlertTest.circle();
        TestCommunity community = circle.community();
        String mother = circle.msZhao();
        UUID daughter = UUID.randomUUID();
        consent(community, mother, "FAMILY_ACCESS");
        link(community, mother, daughter, "CARE_ALERTS");
        String alertId = raiseMissedDoor(community, mother);
        String asDaughter = family(daughter);

        given().auth().oauth2(asDaughter).when()
                .get("/communities/{c}/residents/{id}/care-alerts", community.code(), mother)
                .then().statusCode(200).body("id", contains(alertId));
        given().auth().oauth2(asDaughter).when().get("/communities/{c}/care-alerts/{a}", community.code(), alertId)
                .then().statusCode(200).body("cause", equalTo("DELIVERY_MISSED"))
                .body("notifications.recipientKind", hasItem("EMERGENCY_CONTACT"));
        given().auth().oauth2(asDaughter).when().get("/communities/{c}/care-alerts", community.code())
                .then().statusCode(403); // the community's list is for its staff

        given().auth().oauth2(asDaughter).contentType(ContentType.JSON).body(Map.of("note", "我在打电话给妈妈"))
                .when().post("/communities/{c}/care-alerts/{a}/acknowledge", community.code(), alertId)
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo(daughter.toString())).body("acknowledgedFor", equalTo(mother));
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/care-alerts/{a}", community.code(), alertId)
                .then().body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo(daughter.toString()))
                .body("acknowledgedFor", equalTo(mother)).body("acknowledgement", equalTo("我在打电话给妈妈"));
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/audit?subjectId={a}", community.code(), alertId)
                .then().statusCode(200)
                .body("find { it.action == 'ACKNOWLEDGE_ALERT' }.actor", equalTo(daughter.toString()))
                .body("find { it.action == 'ACKNOWLEDGE_ALERT' }.actedFor", equalTo(mother))
                .body("find { it.action == 'ACKNOWLEDGE_ALERT' }.actorRoles", equalTo("family"));
        given().auth().oauth2(asDaughter).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .when().post("/communities/{c}/care-alerts/{a}/acknowledge", community.code(), alertId)
                .then().statusCode(409);
        given().auth().oauth2(asDaughter).contentType(ContentType.JSON).body(Map.of("note", "all fine"))
                .when().post("/communities/{c}/care-alerts/{a}/resolve", community.code(), alertId)
                .then().statusCode(403); // resolving stays with the community
    }

    @Test
    void aDaughterSeesNoOtherEldersAlertsNorHerMothersWithoutAStandingCareAlertsLink() {
        CareAlertTest.Circle circle = CareAlertTest.circle();
        TestCommunity community = circle.community();
        String mother = circle.msZhao();
        TestCommunity elsewhere = community.anotherGrid();
        String neighbour = elsewhere.register(RegistryTest.elder("孙德明", "1941-01-09", ",\"housebound\":true"));
        consent(community, mother, "FAMILY_ACCESS");
        UUID daughter = UUID.randomUUID();
        String asDaughter = family(daughter);
        String mealsOnly = link(community, mother, daughter, "MEALS");
        String mothersAlert = raiseMissedDoor(community, mother);
        String neighboursAlert = raiseMissedDoor(community, neighbour);

        assertNoAlertsFor(asDaughter, community, mother, mothersAlert); // a MEALS link says nothing about alerts
        revoke(community, mother, mealsOnly);
        String careLink = link(community, mother, daughter, "CARE_ALERTS");
        given().auth().oauth2(asDaughter).when().get("/communities/{c}/care-alerts/{a}", community.code(), mothersAlert)
                .then().statusCode(200);
        assertNoAlertsFor(asDaughter, community, neighbour, neighboursAlert); // never another elder's
        TestCommunity other = TestCommunity.create();
        given().auth().oauth2(asDaughter).when().get("/communities/{c}/care-alerts/{a}", other.code(), mothersAlert)
                .then().statusCode(404);

        QuarkusTransaction.requiringNew().run(() -> FamilyLink.update("validUntil = ?1 where id = ?2",
                LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1), UUID.fromString(careLink))); // its last day passed
        assertNoAlertsFor(asDaughter, community, mother, mothersAlert);
        given().auth().oauth2(asDaughter).when().get("/family-links?all=true")
                .then().body("find { it.id == '" + careLink + "' }.status", equalTo("EXPIRED"));
        given().auth().oauth2(asDaughter).when().get("/family-links").then().body("id", not(hasItem(careLink)));

        String renewed = link(community, mother, daughter, "CARE_ALERTS"); // an expired link is replaced, not a conflict
        given().auth().oauth2(asDaughter).when().get("/communities/{c}/care-alerts/{a}", community.code(), mothersAlert)
                .then().statusCode(200);
        revoke(community, mother, renewed);
        assertNoAlertsFor(asDaughter, community, mother, mothersAlert);
        given().auth().oauth2(asDaughter).when().get("/family-links?all=true")
                .then().body("status", containsInAnyOrder("REVOKED", "EXPIRED", "REVOKED"));
    }

    private static void assertNoAlertsFor(String token, TestCommunity community, String residentId, String alertId) {
        given().auth().oauth2(token).when().get("/communities/{c}/residents/{id}/care-alerts", community.code(), residentId)
                .then().statusCode(404);
        given().auth().oauth2(token).when().get("/communities/{c}/care-alerts/{a}", community.code(), alertId)
                .then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("note", "on it"))
                .when().post("/communities/{c}/care-alerts/{a}/acknowledge", community.code(), alertId)
                .then().statusCode(404);
    }

    /** Nobody answered the resident's door: the canteen's event raises a care alert; returns its id. */
    private static String raiseMissedDoor(TestCommunity community, String residentId) {
        String order = UUID.randomUUID().toString();
        TopicProbe.send(CareAlertTest.CANTEEN_TOPIC, order,
                CareAlertTest.missed(UUID.randomUUID().toString(), order, residentId, community.code()));
        return await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> CareAlert.<CareAlert>find(
                "residentId = ?1 and sourceRef = ?2", UUID.fromString(residentId), order).firstResultOptional()
                .map(a -> a.id.toString()).orElse(null)), id -> id != null);
    }
}
