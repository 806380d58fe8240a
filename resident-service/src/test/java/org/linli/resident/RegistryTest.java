package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.resident.events.ResidentEvents;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The registry's rules: the tree, personal data protection, duplicates, moves, search and the grid head's scope. */
@QuarkusTest
class RegistryTest {

    /** "Today" is the community's day (China Standard Time), not the test machine's. */
    static final java.time.ZoneId COMMUNITY_ZONE = java.time.ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper mapper;

    static String elder(String name, String birthDate, String extra) {
        return "{\"name\":\"" + name + "\",\"gender\":\"FEMALE\",\"birthDate\":\"" + birthDate + "\"" + extra + "}";
    }

    @Test
    void theTreeOnlyGrowsInItsOrderAndOnlyByItsStaff() {
        TestCommunity community = TestCommunity.create();
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("kind", "UNIT", "parentId", community.gridId(), "name", "not under a grid"))
                .when().post("/org-units").then().statusCode(409).body("detail", containsString("BUILDING"));
        TestCommunity other = TestCommunity.create();
        given().auth().oauth2(other.worker()).contentType(ContentType.JSON)
                .body(Map.of("kind", "BUILDING", "parentId", community.gridId(), "name", "intruder"))
                .when().post("/org-units").then().statusCode(404);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("kind", "GRID", "name", "no parent"))
                .when().post("/org-units").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(community.officer()).when().get("/org-units/{id}/children", community.gridId())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("BUILDING"));
    }

    @Test
    void idNumbersAndPhonesAreEncryptedAtRestMaskedInListsAndRevealedOnlyWithAnAuditEntry() {
        TestCommunity community = TestCommunity.create();
        String idNumber = IdNumbers.valid("22010319460702004");
        String id = community.register(elder("孙德明", "1946-07-02",
                ",\"nationalId\":\"" + idNumber + "\",\"phone\":\"13912345678\""));

        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "select national_id_cipher, phone_cipher from resident where id = ?1").setParameter(1, UUID.fromString(id))
                .getSingleResult());
        assertFalse(new String((byte[]) stored[0], StandardCharsets.ISO_8859_1).contains("220103"), "ID number encrypted");
        assertFalse(new String((byte[]) stored[1], StandardCharsets.ISO_8859_1).contains("1391234"), "phone encrypted");

        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents?name=孙", community.code())
                .then().statusCode(200)
                .body("items[0].phone", equalTo("139****5678"))
                .body("items[0].nationalId", equalTo("220103********" + idNumber.substring(14)));
        given().auth().oauth2(community.worker()) // in full only with a stated reason
                .when().get("/communities/{c}/residents/{id}?reveal=phone&reveal=nationalId", community.code(), id)
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}?reveal=phone&reveal=nationalId&reason={r}", community.code(), id,
                        "subsidy application for the district")
                .then().statusCode(200).body("phone", equalTo("13912345678")).body("nationalId", equalTo(idNumber));
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/audit?subjectId={id}", community.code(), id)
                .then().statusCode(200)
                .body("action", hasItem("READ_SENSITIVE"))
                .body("fields", hasItem("phone,nationalId"))
                .body("reason", hasItem("subsidy application for the district"))
                .body("toString()", not(containsString("13912345678")));
        given().auth().oauth2(community.officer())
                .when().get("/communities/{c}/residents/{id}?reveal=nationalId&reason=check", community.code(), id)
                .then().statusCode(403);
    }

    @Test
    void aNationalIdIsRegisteredOnceInTheCityAndALikelyDuplicateIsFlaggedForAWorker() {
        TestCommunity changshan = TestCommunity.create();
        TestCommunity laodong = TestCommunity.create();
        String idNumber = IdNumbers.valid("22010319500314002");
        changshan.register(elder("赵秀兰", "1950-03-14", ",\"nationalId\":\"" + idNumber + "\""));
        given().auth().oauth2(laodong.worker()).contentType(ContentType.JSON)
                .body(laodong.inHousehold(elder("赵秀兰", "1950-03-14", ",\"nationalId\":\"" + idNumber + "\"")))
                .when().post("/communities/{c}/residents", laodong.code())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", not(containsString(idNumber)));

        String first = changshan.register(elder("王淑芬", "1955-11-20", ""));
        String second = changshan.register(elder("王淑芬", "1955-11-20", ""));
        String suspect = given().auth().oauth2(changshan.worker())
                .when().get("/communities/{c}/duplicate-suspects", changshan.code())
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].residentId", equalTo(second)).body("[0].otherId", equalTo(first))
                .extract().path("[0].id");
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            given().auth().oauth2(changshan.worker())
                    .when().post("/communities/{c}/duplicate-suspects/{s}/merge", changshan.code(), suspect)
                    .then().statusCode(200).body("status", equalTo("MERGED"));
            topic.await(r -> second.equals(r.key()) && r.value().contains(ResidentEvents.MOVED_OUT), 1, Duration.ofSeconds(30));
        }
        given().auth().oauth2(changshan.worker()).when().get("/communities/{c}/residents/{id}", changshan.code(), second)
                .then().statusCode(200).body("status", equalTo("MERGED"));
    }

    @Test
    void movingKeepsTheHistoryAndMovingOutKeepsTheRecord() {
        TestCommunity community = TestCommunity.create();
        TestCommunity elsewhere = community.anotherGrid();
        String id = community.register(elder("赵秀兰", "1950-03-14", ",\"movedInOn\":\"1987-09-01\""));
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                    .body(Map.of("householdId", elsewhere.householdId(), "relationshipToHead", "PARENT", "on", "2026-06-01"))
                    .when().post("/communities/{c}/residents/{id}/move", community.code(), id)
                    .then().statusCode(200).body("gridId", equalTo(elsewhere.gridId()));
            given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                    .body(Map.of("on", "2026-11-01", "reason", "moved in with her daughter in Harbin"))
                    .when().post("/communities/{c}/residents/{id}/move-out", community.code(), id)
                    .then().statusCode(200).body("status", equalTo("MOVED_OUT"));

            // the registration's own event may still be on its way: look at what came after it
            List<ConsumerRecord<String, String>> events = topic.await(r -> id.equals(r.key())
                    && !r.value().contains(ResidentEvents.REGISTERED), 2, Duration.ofSeconds(30));
            assertEquals(List.of(ResidentEvents.UPDATED, ResidentEvents.MOVED_OUT),
                    events.stream().map(r -> CloudEvent.parse(r.value(), mapper).type()).toList());
        }
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents/{id}/residencies", community.code(), id)
                .then().statusCode(200).body("$", hasSize(2))
                .body("[0].householdId", equalTo(community.householdId())).body("[0].movedOutOn", equalTo("2026-06-01"))
                .body("[1].householdId", equalTo(elsewhere.householdId())).body("[1].movedOutOn", equalTo("2026-11-01"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("housebound", true))
                .when().patch("/communities/{c}/residents/{id}", community.code(), id)
                .then().statusCode(409);
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents", community.code())
                .then().body("items.id", not(hasItem(id)));
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents?includeMovedOut=true", community.code())
                .then().body("items.id", hasItem(id));
    }

    @Test
    void searchFiltersByFlagsAgeBandAndPlaceAndPagesInAStableOrder() {
        TestCommunity community = TestCommunity.create();
        community.register(elder("甲", "1940-01-01", ",\"housebound\":true,\"livesAlone\":true"));
        community.register(elder("乙", "1950-01-01", ",\"housebound\":true"));
        community.register(elder("丙", "1990-01-01", ""));
        String path = "/communities/{c}/residents";
        given().auth().oauth2(community.worker()).queryParam("flag", "housebound").queryParam("flag", "livesAlone")
                .when().get(path, community.code()).then().statusCode(200).body("items.name", contains("甲")).body("total", equalTo(1));
        given().auth().oauth2(community.worker()).queryParam("ageBand", "UNDER_60")
                .when().get(path, community.code()).then().body("items.name", contains("丙"));
        given().auth().oauth2(community.worker()).queryParam("unitId", community.unitId()).queryParam("sort", "-age")
                .queryParam("size", 2).queryParam("page", 0)
                .when().get(path, community.code()).then().body("items.name", contains("甲", "乙")).body("total", equalTo(3));
        given().auth().oauth2(community.worker()).queryParam("sort", "-age").queryParam("size", 2).queryParam("page", 1)
                .when().get(path, community.code()).then().body("items.name", contains("丙"));
    }

    @Test
    void aGridHeadSeesAndManagesOnlyTheirGrid() {
        TestCommunity community = TestCommunity.create();
        TestCommunity secondGrid = community.anotherGrid();
        String head = community.register(elder("吴亚琴", "1962-05-05", ""));
        String mine = community.register(elder("赵秀兰", "1950-03-14", ""));
        String notMine = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(secondGrid.inHousehold(elder("孙德明", "1941-01-09", "")))
                .when().post("/communities/{c}/residents", community.code()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("residentId", head, "kind", "GRID_HEAD", "orgUnitId", community.gridId()))
                .when().post("/communities/{c}/heads", community.code()).then().statusCode(201);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("residentId", mine, "kind", "GRID_HEAD", "orgUnitId", community.gridId()))
                .when().post("/communities/{c}/heads", community.code()).then().statusCode(409);

        String gridHead = community.gridHead(head);
        given().auth().oauth2(gridHead).when().get("/communities/{c}/residents", community.code())
                .then().statusCode(200).body("items.id", hasItem(mine)).body("items.id", not(hasItem(notMine)));
        given().auth().oauth2(gridHead).when().get("/communities/{c}/residents/{id}", community.code(), notMine)
                .then().statusCode(404);
        given().auth().oauth2(gridHead).contentType(ContentType.JSON).body(Map.of("livesAlone", true))
                .when().patch("/communities/{c}/residents/{id}", community.code(), mine).then().statusCode(200)
                .body("livesAlone", equalTo(true));
        given().auth().oauth2(gridHead).contentType(ContentType.JSON).body(Map.of("livesAlone", true))
                .when().patch("/communities/{c}/residents/{id}", community.code(), notMine).then().statusCode(404);
        given().auth().oauth2(gridHead).contentType(ContentType.JSON)
                .body(secondGrid.inHousehold(elder("新", "1950-01-01", "")))
                .when().post("/communities/{c}/residents", community.code()).then().statusCode(404);

        // the grid head moves away: their token no longer opens the grid
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("on", LocalDate.now(COMMUNITY_ZONE).toString()))
                .when().post("/communities/{c}/residents/{id}/move-out", community.code(), head).then().statusCode(200);
        given().auth().oauth2(gridHead).when().get("/communities/{c}/residents/{id}", community.code(), mine)
                .then().statusCode(404);
    }

    @Test
    void aChangeMustChangeSomethingAndNameOnlyKnownFields() {
        TestCommunity community = TestCommunity.create();
        String id = community.register(elder("赵秀兰", "1950-03-14", ""));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body("{}")
                .when().patch("/communities/{c}/residents/{id}", community.code(), id).then().statusCode(400);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("phne", "13912345678"))
                .when().patch("/communities/{c}/residents/{id}", community.code(), id).then().statusCode(400)
                .body("violations[0].field", equalTo("phne"));
    }

    @Test
    void dietaryNeedsReachTheCanteenOnlyWithConsentAndContactsNeedCareAlertConsent() {
        TestCommunity community = TestCommunity.create();
        String id = community.register(elder("赵秀兰", "1950-03-14", ",\"dietaryNeeds\":[\"LOW_SALT\"]"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("name", "赵丽", "relationship", "daughter", "phone", "13600001111", "priority", 1))
                .when().post("/communities/{c}/residents/{id}/emergency-contacts", community.code(), id)
                .then().statusCode(409).body("detail", containsString("CARE_ALERTS"));
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("purpose", "CANTEEN"))
                    .when().post("/communities/{c}/residents/{id}/consents", community.code(), id).then().statusCode(201);
            ConsumerRecord<String, String> updated = topic.await(r -> id.equals(r.key())
                    && r.value().contains(ResidentEvents.UPDATED), 1, Duration.ofSeconds(30)).get(0);
            CloudEvent event = CloudEvent.parse(updated.value(), mapper);
            assertEquals(ResidentEvents.UPDATED, event.type());
            assertEquals("LOW_SALT", event.data().get("dietaryNeeds").get(0).asText());
        }
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("purpose", "CARE_ALERTS"))
                .when().post("/communities/{c}/residents/{id}/consents", community.code(), id).then().statusCode(201);
        String contact = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("name", "赵丽", "relationship", "daughter", "phone", "13600001111", "priority", 1))
                .when().post("/communities/{c}/residents/{id}/emergency-contacts", community.code(), id)
                .then().statusCode(201).body("phone", equalTo("136****1111")).extract().path("id");
        assertNotNull(contact);
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}/emergency-contacts?reveal=true", community.code(), id)
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}/emergency-contacts?reveal=true&reason=calling her daughter", community.code(), id)
                .then().statusCode(200).body("[0].phone", equalTo("13600001111"));
    }
}
