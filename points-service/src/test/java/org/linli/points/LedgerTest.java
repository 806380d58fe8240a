package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.points.domain.ServiceLog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The ledger: append-only, balanced, chained by hash, corrected only by reversal, never below zero. */
@QuarkusTest
class LedgerTest {

    @Inject
    EntityManager em;

    @Test
    void theStatementShowsEachMovementWithItsRunningBalance() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder);
        given().auth().oauth2(bank.volunteerToken(volunteer)).when()
                .get("/communities/{c}/volunteers/{v}/statement", bank.community, volunteer)
                .then().statusCode(200).body("$", hasSize(2)).body("balanceAfter", org.hamcrest.Matchers.contains(20, 10))
                .body("kind", org.hamcrest.Matchers.everyItem(equalTo("SERVICE_AWARD")));
        given().auth().oauth2(bank.volunteerToken(volunteer)).queryParam("unit", "MINUTES").when()
                .get("/communities/{c}/volunteers/{v}/statement", bank.community, volunteer)
                .then().statusCode(200).body("balanceAfter", org.hamcrest.Matchers.contains(90, 45));
        UUID other = bank.volunteer();
        given().auth().oauth2(bank.volunteerToken(other)).when()
                .get("/communities/{c}/volunteers/{v}/statement", bank.community, volunteer).then().statusCode(404);
    }

    @Test
    void aCorrectionIsAReversingPostingWithAReasonAndHappensOnce() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.earn(volunteer, bank.resident());
        UUID posting = QuarkusTransaction.requiringNew().call(() -> ServiceLog.<ServiceLog>findById(service).postingId);
        try (TopicProbe events = TopicProbe.tail(MoralBank.POINTS_TOPIC)) {
            given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                    .body(Map.of("reason", "logged twice by mistake"))
                    .when().post("/communities/{c}/postings/{p}/reverse", bank.community, posting)
                    .then().statusCode(200).body("kind", equalTo("REVERSAL")).body("reverses", equalTo(posting.toString()))
                    .body("reason", equalTo("logged twice by mistake"));
            events.await(r -> r.key().equals(volunteer.toString()) && r.value().contains("points.reversed.v1")
                    && r.value().contains("\"points\":-10"), 1, Duration.ofSeconds(20));
        }
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/communities/{c}/postings/{p}/reverse", bank.community, posting)
                .then().statusCode(409).body("detail", containsString("already reversed"));
        assertEquals(0, bank.points(volunteer));
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/services/{id}", bank.community, service)
                .then().statusCode(200).body("status", equalTo("REVERSED")); // it no longer counts for caps or reports
        bank.verifies();
    }

    @Test
    void anAwardWhosePointsWereSpentCannotBeReversedBelowZero() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID service = bank.earn(volunteer, bank.resident());
        String reward = given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("name", "Rice, 5 kg", "pointsPrice", 8, "stock", 3))
                .when().post("/communities/{c}/rewards", bank.community).then().statusCode(201).extract().path("id");
        given().auth().oauth2(bank.volunteerToken(volunteer)).contentType(ContentType.JSON).body(Map.of("rewardId", reward))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(201);
        UUID posting = QuarkusTransaction.requiringNew().call(() -> ServiceLog.<ServiceLog>findById(service).postingId);
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON).body(Map.of("reason", "mistake"))
                .when().post("/communities/{c}/postings/{p}/reverse", bank.community, posting)
                .then().statusCode(409).body("detail", containsString("Not enough points"));
        assertEquals(2, bank.points(volunteer));
        bank.verifies();
    }

    @Test
    void postingsAndEntriesCannotBeUpdatedOrDeleted() {
        MoralBank bank = new MoralBank();
        bank.earn(bank.volunteer(), bank.resident());
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update ledger_entry set amount = amount * 100 where posting_id in "
                        + "(select id from posting where community_id = ?1)").setParameter(1, bank.community).executeUpdate()));
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("delete from posting where community_id = ?1").setParameter(1, bank.community)
                .executeUpdate()));
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update ledger_account set balance = -1 where kind = 'WALLET' and community_id = ?1")
                .setParameter(1, bank.community).executeUpdate()));
        bank.verifies();
    }

    @Test
    void tamperingWithAPostingBreaksTheChainFromThatPosting() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder);
        bank.verifies();
        // someone with database access edits history behind the service's back (triggers off, as an owner could)
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("alter table posting disable trigger posting_append_only").executeUpdate();
            em.createNativeQuery("update posting set created_by = 'someone-else' where community_id = ?1 and seq = 2")
                    .setParameter(1, bank.community).executeUpdate();
            em.createNativeQuery("alter table posting enable trigger posting_append_only").executeUpdate();
        });
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/ledger/verify", bank.community)
                .then().statusCode(200).body("holds", equalTo(false)).body("chainIntact", equalTo(false))
                .body("firstBrokenSeq", equalTo(2)).body("balancesMatchEntries", equalTo(true));
    }
}
