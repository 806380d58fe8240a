package org.linli.canteen;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.canteen.domain.FamilyLink;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A son or daughter signs in as themself (role family) and orders, cancels, pauses and reads for a parent only while
 * they hold a MEALS link the canteen learnt from resident-service's events; every such act records who acted for whom.
 * For anyone else the answer is 404.
 */
@QuarkusTest
class FamilyActsForParentTest {

    static final LocalDate DAY = TestCanteen.tomorrow();

    static String family(UUID member) {
        return DevTokens.as("family").subject(member.toString()).mint();
    }

    /** family-link.granted.v1 as resident-service publishes it (docs/asyncapi.yaml), keyed by the parent. */
    static String granted(String eventId, UUID linkId, String community, UUID parent, UUID member, List<String> purposes,
            LocalDate validUntil) {
        Map<String, Object> data = link(linkId, community, parent, member);
        data.put("purposes", purposes);
        data.put("validUntil", validUntil == null ? null : validUntil.toString());
        data.put("grantedAt", java.time.OffsetDateTime.now().toString());
        return TestEvents.cloudEvent(eventId, "/linli/resident-service", "family-link.granted.v1",
                "family-links/" + linkId, community, data);
    }

    static String revoked(String eventId, UUID linkId, String community, UUID parent, UUID member) {
        Map<String, Object> data = link(linkId, community, parent, member);
        data.put("revokedAt", java.time.OffsetDateTime.now().toString());
        return TestEvents.cloudEvent(eventId, "/linli/resident-service", "family-link.revoked.v1",
                "family-links/" + linkId, community, data);
    }

    private static Map<String, Object> link(UUID linkId, String community, UUID parent, UUID member) {
        Map<String, Object> data = new HashMap<>();
        data.put("linkId", linkId.toString());
        data.put("communityId", community);
        data.put("parentId", parent.toString());
        data.put("memberId", member.toString());
        return data;
    }

    static void send(UUID parent, String event) {
        TopicProbe.send(TestCanteen.RESIDENT_TOPIC, parent.toString(), event);
    }

    /** Grants a MEALS link (a fresh event) and waits until the canteen lets the member act for the parent. */
    static UUID mealsLink(TestCanteen canteen, UUID parent, UUID member) {
        UUID linkId = UUID.randomUUID();
        send(parent, granted(UUID.randomUUID().toString(), linkId, canteen.code(), parent, member, List.of("MEALS"), null));
        awaitAnswer(canteen, parent, member, 200);
        return linkId;
    }

    static void awaitAnswer(TestCanteen canteen, UUID parent, UUID member, int status) {
        String token = family(member);
        await().atMost(TestCanteen.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> canteen.as(token)
                .when().get("/communities/{c}/diners/{d}", canteen.code(), parent).statusCode() == status);
    }

    @Test
    void aDaughterWithAMealsLinkOrdersLunchForHerMotherAndTheOrderRecordsBoth() {
        TestCanteen canteen = TestCanteen.create();
        UUID mother = canteen.diner();
        canteen.topUp(mother, 2_000);
        UUID daughter = UUID.randomUUID();
        mealsLink(canteen, mother, daughter);
        String asDaughter = family(daughter);

        String order = canteen.as(asDaughter).body(OrderTest.order(mother, DAY.toString(), "DINE_IN", null))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(201)
                .body("payment", equalTo("ACCOUNT"))
                .body("placedBy", equalTo(daughter.toString())).body("placedFor", equalTo(mother.toString()))
                .extract().path("id");
        canteen.as(asDaughter).when().get("/communities/{c}/orders?dinerId={d}", canteen.code(), mother)
                .then().statusCode(200).body("id", contains(order));
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}/account", canteen.code(), mother)
                .then().statusCode(200).body("balanceFen", equalTo(1_300)).body("entries.kind", contains("TOP_UP", "CHARGE"));
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}/price?service=DINE_IN", canteen.code(), mother)
                .then().statusCode(200);

        canteen.as(asDaughter).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), order)
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo(daughter.toString())).body("cancelledFor", equalTo(mother.toString()));
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders/{o}", canteen.code(), order)
                .then().body("placedBy", equalTo(daughter.toString())).body("placedFor", equalTo(mother.toString()))
                .body("cancelledBy", equalTo(daughter.toString())).body("cancelledFor", equalTo(mother.toString()));

        // the mother ordering for herself acts in her own right: nobody acted for her
        canteen.as(canteen.elder(mother)).body(OrderTest.order(mother, DAY.toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(201)
                .body("placedBy", equalTo(mother.toString())).body("placedFor", nullValue());
    }

    @Test
    void aDaughterCannotActForAnotherElderNorWithALinkForAnythingButMeals() {
        TestCanteen canteen = TestCanteen.create();
        UUID mother = canteen.diner();
        UUID neighbour = canteen.diner();
        UUID daughter = UUID.randomUUID();
        String asDaughter = family(daughter);
        mealsLink(canteen, mother, daughter);
        // for the neighbour she holds a link for care alerts only, and one of another community; her brother's MEALS
        // link, sent last on the same key, shows when the canteen has read them all
        send(neighbour, granted(UUID.randomUUID().toString(), UUID.randomUUID(), canteen.code(), neighbour, daughter,
                List.of("CARE_ALERTS"), null));
        send(neighbour, granted(UUID.randomUUID().toString(), UUID.randomUUID(), "another-community", neighbour, daughter,
                List.of("MEALS"), null));
        mealsLink(canteen, neighbour, UUID.randomUUID());
        String neighboursOrder = canteen.order(neighbour, DAY, "DINE_IN");

        canteen.as(asDaughter).body(OrderTest.order(neighbour, DAY.toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}", canteen.code(), neighbour).then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}/account", canteen.code(), neighbour)
                .then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/orders?dinerId={d}", canteen.code(), neighbour)
                .then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/orders/{o}", canteen.code(), neighboursOrder)
                .then().statusCode(404);
        canteen.as(asDaughter).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), neighboursOrder)
                .then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/standing-orders?dinerId={d}", canteen.code(), neighbour)
                .then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/orders?date={d}", canteen.code(), DAY.toString())
                .then().statusCode(404); // the day's orders are the canteen's
        canteen.as(asDaughter).when().get("/communities/{c}/standing-orders", canteen.code()).then().statusCode(404);

        TestCanteen other = TestCanteen.create();
        canteen.as(asDaughter).body(OrderTest.order(mother, DAY.toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", other.code()).then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}/account", other.code(), mother)
                .then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}", canteen.code(), mother).then().statusCode(200);
    }

    @Test
    void aRevokedOrExpiredLinkNoLongerLetsHerActForHerMother() {
        TestCanteen canteen = TestCanteen.create();
        UUID mother = canteen.diner();
        UUID son = UUID.randomUUID();
        UUID grandson = UUID.randomUUID();
        UUID daughter = UUID.randomUUID();
        String community = canteen.code();
        send(mother, granted(UUID.randomUUID().toString(), UUID.randomUUID(), community, mother, son, List.of("MEALS"),
                TestCanteen.today().minusDays(1)));
        send(mother, granted(UUID.randomUUID().toString(), UUID.randomUUID(), community, mother, grandson,
                List.of("MEALS"), TestCanteen.today()));
        UUID link = mealsLink(canteen, mother, daughter);

        canteen.as(family(son)).body(OrderTest.order(mother, DAY.toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", community).then().statusCode(404); // its last day has passed
        canteen.as(family(grandson)).when().get("/communities/{c}/orders?dinerId={d}", community, mother)
                .then().statusCode(200); // today is its last day
        String order = canteen.as(family(daughter)).body(OrderTest.order(mother, DAY.toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", community).then().statusCode(201).extract().path("id");

        send(mother, revoked(UUID.randomUUID().toString(), link, community, mother, daughter));
        awaitAnswer(canteen, mother, daughter, 404);
        String asDaughter = family(daughter);
        canteen.as(asDaughter).body(OrderTest.order(mother, DAY.plusDays(1).toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", community).then().statusCode(404);
        canteen.as(asDaughter).when().post("/communities/{c}/orders/{o}/cancel", community, order).then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/orders/{o}", community, order).then().statusCode(404);
        canteen.as(asDaughter).when().get("/communities/{c}/diners/{d}/account", community, mother).then().statusCode(404);
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders/{o}", community, order)
                .then().body("status", equalTo("PLACED")); // what she did while she could stands
    }

    @Test
    void redeliveredLinkEventsChangeNothing() {
        TestCanteen canteen = TestCanteen.create();
        UUID mother = canteen.diner();
        String community = canteen.code();
        UUID daughter = UUID.randomUUID();
        UUID link = UUID.randomUUID();
        String grant = granted(UUID.randomUUID().toString(), link, community, mother, daughter, List.of("MEALS"), null);
        send(mother, grant);
        send(mother, grant); // redelivered
        awaitAnswer(canteen, mother, daughter, 200);
        String revoke = revoked(UUID.randomUUID().toString(), link, community, mother, daughter);
        send(mother, revoke);
        awaitAnswer(canteen, mother, daughter, 404);

        send(mother, grant); // the grant redelivered after the revocation
        send(mother, granted(UUID.randomUUID().toString(), link, community, mother, daughter, List.of("MEALS"), null));
        send(mother, revoke);
        // a revocation that overtakes its grant is kept: the grant that follows changes nothing
        UUID niece = UUID.randomUUID();
        UUID niecesLink = UUID.randomUUID();
        send(mother, revoked(UUID.randomUUID().toString(), niecesLink, community, mother, niece));
        send(mother, granted(UUID.randomUUID().toString(), niecesLink, community, mother, niece, List.of("MEALS"), null));
        mealsLink(canteen, mother, UUID.randomUUID()); // read after everything above (same key, in order)

        canteen.as(family(daughter)).when().get("/communities/{c}/diners/{d}", community, mother).then().statusCode(404);
        canteen.as(family(niece)).when().get("/communities/{c}/diners/{d}", community, mother).then().statusCode(404);
        assertEquals(List.of(FamilyLink.REVOKED, FamilyLink.REVOKED), QuarkusTransaction.requiringNew().call(
                () -> FamilyLink.<FamilyLink>list("linkId in ?1", List.of(link, niecesLink)).stream()
                        .map(l -> l.status).toList()));
    }

    @Test
    void aDaughterPausesAndResumesHerMothersStandingOrderAndEachChangeSaysWhoActedForWhom() {
        TestCanteen canteen = TestCanteen.create();
        UUID mother = canteen.housebound(Map.of());
        UUID neighbour = canteen.housebound(Map.of());
        String community = canteen.code();
        String standing = canteen.as(canteen.staff()).body(Map.of("dinerId", mother, "startsOn", DAY.toString()))
                .when().post("/communities/{c}/standing-orders", community).then().statusCode(201).extract().path("id");
        String neighbours = canteen.as(canteen.staff()).body(Map.of("dinerId", neighbour, "startsOn", DAY.toString()))
                .when().post("/communities/{c}/standing-orders", community).then().statusCode(201).extract().path("id");
        UUID daughter = UUID.randomUUID();
        mealsLink(canteen, mother, daughter);
        String asDaughter = family(daughter);
        String who = daughter.toString();
        String forWhom = mother.toString();

        canteen.as(asDaughter).when().get("/communities/{c}/standing-orders?dinerId={d}", community, mother)
                .then().statusCode(200).body("id", contains(standing));
        canteen.as(asDaughter).body(Map.of("from", DAY.toString(), "until", DAY.plusDays(5).toString()))
                .when().post("/communities/{c}/standing-orders/{s}/pause", community, standing)
                .then().statusCode(200).body("pausedUntil", equalTo(DAY.plusDays(5).toString()));
        canteen.as(asDaughter).body(Map.of("on", DAY.plusDays(2).toString()))
                .when().post("/communities/{c}/standing-orders/{s}/resume", community, standing)
                .then().statusCode(200).body("pausedUntil", equalTo(DAY.plusDays(1).toString()))
                .body("changes.kind", contains("PAUSED", "RESUMED"))
                .body("changes.changedBy", contains(who, who)).body("changes.changedFor", contains(forWhom, forWhom));
        StandingOrderTest.materialise(canteen, DAY.plusDays(1), 1); // the neighbour's only
        StandingOrderTest.materialise(canteen, DAY.plusDays(2), 2);
        canteen.as(asDaughter).body(Map.of("from", DAY.toString()))
                .when().post("/communities/{c}/standing-orders/{s}/pause", community, neighbours).then().statusCode(404);

        canteen.as(asDaughter).when().post("/communities/{c}/standing-orders/{s}/cancel", community, standing)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        String renewed = canteen.as(asDaughter).body(Map.of("dinerId", mother, "startsOn", DAY.plusDays(7).toString()))
                .when().post("/communities/{c}/standing-orders", community).then().statusCode(201)
                .body("createdBy", equalTo(who)).body("createdFor", equalTo(forWhom)).extract().path("id");
        canteen.as(canteen.staff()).when().get("/communities/{c}/standing-orders/{s}", community, standing)
                .then().body("createdBy", equalTo("staff-" + community)).body("createdFor", nullValue())
                .body("changes.kind", contains("PAUSED", "RESUMED", "CANCELLED"))
                .body("changes.changedFor", contains(forWhom, forWhom, forWhom));
        canteen.as(canteen.staff()).when().get("/communities/{c}/standing-orders?dinerId={d}", community, mother)
                .then().statusCode(200).body("id", contains(renewed));
    }
}
