package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TopicProbe;
import org.linli.points.domain.ServiceLog;
import org.linli.points.ledger.Posting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Logging, confirming and rejecting services: who may, and each confirmation credited exactly once. */
@QuarkusTest
class ServiceLogTest {

    @Test
    void aRetriedLogWithTheSameIdempotencyKeyCreatesNothingNew() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        Map<String, Object> body = Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", elder.toString(),
                "performedAt", OffsetDateTime.now().minusHours(2).toString(), "minutes", 40, "note", "read the paper together");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(bank.volunteerToken(volunteer)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/communities/{c}/services", bank.community)
                .then().statusCode(201).body("status", equalTo("PENDING")).extract().path("id");
        given().auth().oauth2(bank.volunteerToken(volunteer)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/communities/{c}/services", bank.community)
                .then().statusCode(200).body("id", equalTo(first));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ServiceLog.count("volunteerId", volunteer)));
    }

    @Test
    void aReplayedLogAnswersWordForWordWhatTheFirstAnswerSaid() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        // a phone sends nanoseconds and its own offset; PostgreSQL keeps microseconds, and the answers say them in UTC
        OffsetDateTime performedAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(2).withNano(123_456_089);
        Map<String, Object> body = Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", elder.toString(),
                "performedAt", performedAt.toString(), "minutes", 40, "note", "read the paper together");
        String key = UUID.randomUUID().toString();
        String token = bank.volunteerToken(volunteer);
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/communities/{c}/services", bank.community).then().statusCode(201).extract().asString();
        String replay = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/communities/{c}/services", bank.community).then().statusCode(200).extract().asString();
        assertEquals(first, replay);
        String id = JsonPath.from(first).getString("id");
        String read = given().auth().oauth2(token).when().get("/communities/{c}/services/{id}", bank.community, id)
                .then().statusCode(200).extract().asString();
        assertEquals(first, read);
        assertEquals(performedAt.toInstant().truncatedTo(ChronoUnit.MICROS).toString(),
                JsonPath.from(first).getString("performedAt"));
        assertTrue(JsonPath.from(first).getString("loggedAt")
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z"), first);
    }

    @Test
    void aRepeatedConfirmationAnswersWordForWordWhatTheFirstAnswerSaid() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.log(volunteer, "ELDER_CARE_VISIT", bank.resident(), 45);
        String first = given().auth().oauth2(bank.worker).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(200).body("decidedAt", notNullValue()).extract().asString();
        String again = given().auth().oauth2(bank.worker).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(200).extract().asString();
        assertEquals(first, again);
        String read = given().auth().oauth2(bank.worker).when().get("/communities/{c}/services/{id}", bank.community, service)
                .then().statusCode(200).extract().asString();
        assertEquals(first, read);
    }

    @Test
    void aBulkItemFailsWithTheStatusAndDetailOfTheSingleConfirmation() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID rejected = bank.log(volunteer, "ERRAND", bank.resident(), 20);
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON).body(Map.of("reason", "not done"))
                .when().post("/communities/{c}/services/{id}/reject", bank.community, rejected).then().statusCode(200);
        String detail = given().auth().oauth2(bank.worker).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, rejected)
                .then().statusCode(409).extract().path("detail");
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("serviceIds", List.of(rejected.toString())))
                .when().post("/communities/{c}/services/confirmations", bank.community)
                .then().statusCode(200).body("[0].status", equalTo(409)).body("[0].detail", equalTo(detail));
    }

    @Test
    void aRuleOnlyTheServiceChecksIsAnInvalidRequestThatNamesItsField() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        given().auth().oauth2(bank.volunteerToken(volunteer)).contentType(ContentType.JSON)
                .body(Map.of("type", "SNOW_SWEEPING", "performedAt", OffsetDateTime.now().plusDays(1).toString(), "minutes", 30))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(400).body("type", endsWith("/invalid-request"))
                .body("violations[0].field", equalTo("performedAt"))
                .body("violations[0].message", equalTo("a service is logged after it was done, not before"));
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("type", "ERRAND", "performedAt", OffsetDateTime.now().minusHours(1).toString(), "minutes", 30))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(400).body("type", endsWith("/invalid-request"))
                .body("violations[0].field", equalTo("volunteerId"));
    }

    @Test
    void theBeneficiaryConfirmsOnceAndTheVolunteerIsCreditedOnce() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        UUID service = bank.log(volunteer, "ELDER_CARE_VISIT", elder, 45);
        try (TopicProbe events = TopicProbe.tail(MoralBank.POINTS_TOPIC)) {
            for (int i = 0; i < 2; i++) { // the second confirmation (a retry) returns the same and credits nothing
                given().auth().oauth2(bank.residentToken(elder)).when()
                        .post("/communities/{c}/services/{id}/confirm", bank.community, service)
                        .then().statusCode(200).body("status", equalTo("CONFIRMED")).body("decidedAs", equalTo("BENEFICIARY"))
                        .body("pointsAwarded", equalTo(10));
            }
            events.await(r -> r.key().equals(volunteer.toString()) && r.value().contains("points.awarded.v1"), 1,
                    Duration.ofSeconds(20));
            // everything seen so far plus two more seconds: still one confirmation and one award
            assertEquals(1, events.during(Duration.ofSeconds(2), r -> r.key().equals(service.toString())
                    && r.value().contains("service.confirmed.v1")).size());
            assertEquals(1, events.during(Duration.ZERO, r -> r.key().equals(volunteer.toString())
                    && r.value().contains("points.awarded.v1")).size());
        }
        assertEquals(10, bank.points(volunteer));
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/volunteers/{v}/wallet", bank.community, volunteer)
                .then().body("minutes", equalTo(45));
        bank.verifies();
    }

    @Test
    void tenConcurrentConfirmationsOfOneServicePostOnce() throws Exception {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.log(volunteer, "ELDER_CARE_VISIT", bank.resident(), 30);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(bank.worker).when()
                        .post("/communities/{c}/services/{id}/confirm", bank.community, service).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Posting.count("reference", "service:" + service)));
        assertEquals(10, bank.points(volunteer));
    }

    @Test
    void aVolunteerCanNeverConfirmTheirOwnServiceWhateverTheirOtherRoles() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.log(volunteer, "ELDER_CARE_VISIT", bank.resident(), 30);
        String alsoAWorker = DevTokens.as("volunteer", "community-worker").community(bank.community)
                .subject(volunteer.toString()).mint();
        given().auth().oauth2(alsoAWorker).when().post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(403).body("detail", containsString("own service"));
        given().auth().oauth2(bank.volunteerToken(volunteer)).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, service).then().statusCode(403);
        assertEquals(0, bank.points(volunteer));
    }

    @Test
    void gridHeadsConfirmForTheirGridsOnlyAndOtherCommunitiesSeeNothing() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.log(volunteer, "ERRAND", bank.resident(), 30);
        given().auth().oauth2(bank.gridHeadToken(UUID.randomUUID())).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, service).then().statusCode(404);
        String elsewhere = DevTokens.as("community-worker").community("laodong-yifang").mint();
        given().auth().oauth2(elsewhere).when().post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(404);
        given().auth().oauth2(elsewhere).when().get("/communities/{c}/services/{id}", bank.community, service)
                .then().statusCode(404);
        given().auth().oauth2(bank.gridHeadToken(bank.grid)).when()
                .post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(200).body("decidedAs", equalTo("GRID_HEAD")).body("pointsAwarded", equalTo(8));
    }

    @Test
    void aVolunteerSeesOnlyTheirOwnServicesAndLogsOnlyForThemself() {
        MoralBank bank = new MoralBank();
        List<UUID> two = bank.volunteers(2);
        UUID elder = bank.resident();
        bank.log(two.get(0), "ERRAND", elder, 20);
        bank.log(two.get(1), "ERRAND", elder, 20);
        given().auth().oauth2(bank.volunteerToken(two.get(0))).when().get("/communities/{c}/services", bank.community)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].volunteerId", equalTo(two.get(0).toString()));
        given().auth().oauth2(bank.residentToken(elder)).when().get("/communities/{c}/services", bank.community)
                .then().statusCode(200).body("$", hasSize(2));
        given().auth().oauth2(bank.volunteerToken(two.get(0))).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", two.get(1).toString(), "type", "ERRAND", "beneficiaryId", elder.toString(),
                        "performedAt", OffsetDateTime.now().minusHours(1).toString(), "minutes", 20))
                .when().post("/communities/{c}/services", bank.community).then().statusCode(403);
    }

    @Test
    void aRejectedServiceEarnsNothingAndCannotBeConfirmedLater() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.log(volunteer, "ELDER_CARE_VISIT", bank.resident(), 30);
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON).body(Map.of("reason", "the elder was in hospital that day"))
                .when().post("/communities/{c}/services/{id}/reject", bank.community, service)
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(bank.worker).when().post("/communities/{c}/services/{id}/confirm", bank.community, service)
                .then().statusCode(409);
        assertEquals(0, bank.points(volunteer));
    }

    @Test
    void capsStopPointsFarmingButMinutesStillCount() {
        MoralBank bank = new MoralBank();
        List<UUID> crew = bank.volunteers(3);
        OffsetDateTime morning = OffsetDateTime.now().minusHours(1); // as MoralBank.log below: the same day
        String first = given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("type", "SNOW_SWEEPING", "title", "Clearing the paths after the night's snow",
                        "performedAt", morning.toString(), "minutes", 240,
                        "volunteerIds", crew.stream().map(UUID::toString).toList()))
                .when().post("/communities/{c}/activities", bank.community)
                .then().statusCode(201).body("services", hasSize(3)).extract().path("id");
        given().auth().oauth2(bank.worker).when().post("/communities/{c}/activities/{a}/confirm", bank.community, first)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.everyItem(equalTo(200)))
                .body("pointsAwarded", org.hamcrest.Matchers.everyItem(equalTo(40))); // 240 min at 5 per 30 = 40, cap 40

        UUID again = bank.log(crew.get(0), "SNOW_SWEEPING", null, 60); // the same day: the cap is reached
        given().auth().oauth2(bank.worker).when().post("/communities/{c}/services/{id}/confirm", bank.community, again)
                .then().statusCode(200).body("pointsAwarded", equalTo(0));
        assertEquals(40, bank.points(crew.get(0)));
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/volunteers/{v}/wallet", bank.community, crew.get(0))
                .then().body("minutes", equalTo(300));
        bank.verifies();
    }

    @Test
    void bulkConfirmationSaysPerServiceWhatHappened() {
        MoralBank bank = new MoralBank();
        List<UUID> two = bank.volunteers(2);
        UUID elder = bank.resident();
        UUID ok = bank.log(two.get(0), "ERRAND", elder, 20);
        UUID own = bank.log(two.get(1), "ERRAND", elder, 20);
        UUID unknown = UUID.randomUUID();
        String volunteerWorker = DevTokens.as("community-worker", "volunteer").community(bank.community)
                .subject(two.get(1).toString()).mint();
        given().auth().oauth2(volunteerWorker).contentType(ContentType.JSON)
                .body(Map.of("serviceIds", List.of(ok.toString(), own.toString(), unknown.toString())))
                .when().post("/communities/{c}/services/confirmations", bank.community)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.contains(200, 403, 404));
        assertEquals(8, bank.points(two.get(0)));
        assertEquals(0, bank.points(two.get(1)));
    }

    @Test
    void badInputIsA4xxThatSaysWhat() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        String token = bank.volunteerToken(volunteer);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "ERRAND", "performedAt", OffsetDateTime.now().toString(), "minutes", 0))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(400).body("violations[0].field", equalTo("minutes"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "ERRAND", "performedAt", OffsetDateTime.now().toString(), "minutes", 30))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(400).body("detail", containsString("beneficiaryId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SNOW_SWEEPING", "performedAt", OffsetDateTime.now().plusDays(1).toString(), "minutes", 30))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(400).body("detail", containsString("performedAt"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "JUGGLING", "performedAt", OffsetDateTime.now().toString(), "minutes", 30))
                .when().post("/communities/{c}/services", bank.community)
                .then().statusCode(404);
    }
}
