package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TopicProbe;
import org.linli.points.domain.Reward;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.LedgerAccount;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Spending points: stock and points taken together, under a race, and given back on cancellation. */
@QuarkusTest
class RedemptionTest {

    @Test
    void fiftyVolunteersRacingForTheLastTenItemsGetExactlyTen() throws Exception {
        MoralBank bank = new MoralBank();
        List<UUID> volunteers = bank.volunteers(50);
        UUID elder = bank.resident();
        for (UUID volunteer : volunteers) {
            bank.earn(volunteer, elder);
        }
        UUID reward = reward(bank, "Cooking oil, 5 L", 10, 10, null);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Integer> statuses = new ArrayList<>();
        try (TopicProbe events = TopicProbe.tail(MoralBank.POINTS_TOPIC)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (UUID volunteer : volunteers) {
                String token = bank.volunteerToken(volunteer);
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", reward.toString()))
                            .when().post("/communities/{c}/redemptions", bank.community).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(10, statuses.stream().filter(s -> s == 201).count(), "exactly ten redemptions: " + statuses);
            assertEquals(40, statuses.stream().filter(s -> s == 409).count(), "the rest are told it is out of stock");
            events.await(r -> r.value().contains("points.redeemed.v1") && r.value().contains(reward.toString()), 10,
                    Duration.ofSeconds(20));
            assertEquals(10, events.during(Duration.ofSeconds(1), r -> r.value().contains("points.redeemed.v1")
                    && r.value().contains(reward.toString())).size());
        } finally {
            pool.shutdown();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(0, Reward.<Reward>findById(reward).stock);
            List<LedgerAccount> wallets = LedgerAccount.list("communityId = ?1 and kind = ?2", bank.community, AccountKind.WALLET);
            assertEquals(10, wallets.stream().filter(w -> w.balance == 0).count());
            assertEquals(40, wallets.stream().filter(w -> w.balance == 10).count());
            assertTrue(wallets.stream().allMatch(w -> w.balance >= 0));
        });
        bank.verifies();
    }

    @Test
    void oneVolunteerRacingThemselfCannotSpendMoreThanTheyHave() throws Exception {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder); // 30 points
        UUID reward = reward(bank, "Towel", 12, 100, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        String token = bank.volunteerToken(volunteer);
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("rewardId", reward.toString())).when().post("/communities/{c}/redemptions", bank.community)
                    .statusCode()));
        }
        long created = 0;
        for (Future<Integer> answer : answers) {
            created += answer.get() == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(2, created);
        assertEquals(6, bank.points(volunteer));
        QuarkusTransaction.requiringNew().run(() -> assertEquals(98, Reward.<Reward>findById(reward).stock));
    }

    @Test
    void cancellingGivesBackThePointsAndTheItemAndAHandedOverItemStaysHandedOver() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        bank.earn(volunteer, bank.resident());
        UUID reward = reward(bank, "Thermos flask", 10, 1, null);
        String token = bank.volunteerToken(volunteer);
        String first = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", reward.toString()))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(201)
                .body("status", equalTo("RESERVED")).extract().path("id");
        assertEquals(0, bank.points(volunteer));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "changed my mind"))
                .when().post("/communities/{c}/redemptions/{r}/cancel", bank.community, first)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(10, bank.points(volunteer));

        String second = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", reward.toString()))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(201).extract().path("id");
        given().auth().oauth2(bank.worker).when().post("/communities/{c}/redemptions/{r}/hand-over", bank.community, second)
                .then().statusCode(200).body("status", equalTo("HANDED_OVER"));
        given().auth().oauth2(token).when().post("/communities/{c}/redemptions/{r}/cancel", bank.community, second)
                .then().statusCode(409);
        assertEquals(0, bank.points(volunteer));
        bank.verifies();
    }

    @Test
    void thePerVolunteerLimitAndTheActiveDatesHold() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        UUID elder = bank.resident();
        bank.earn(volunteer, elder);
        bank.earn(volunteer, elder);
        UUID limited = reward(bank, "Eggs, a dozen", 5, 50, 1);
        String token = bank.volunteerToken(volunteer);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", limited.toString()))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", limited.toString()))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("limit"));
        String later = given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("name", "Spring festival couplets", "pointsPrice", 5, "stock", 10,
                        "activeFrom", LocalDate.now().plusDays(30).toString()))
                .when().post("/communities/{c}/rewards", bank.community).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", later))
                .when().post("/communities/{c}/redemptions", bank.community).then().statusCode(409);
        given().auth().oauth2(token).when().get("/communities/{c}/rewards", bank.community)
                .then().statusCode(200).body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Spring festival couplets")));
        assertEquals(15, bank.points(volunteer));
    }

    @Test
    void aPartnerSeesAndHandsOverOnlyWhatItSponsors() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        bank.earn(volunteer, bank.resident());
        String bankPartner = "jilin-bank-" + UUID.randomUUID().toString().substring(0, 4);
        UUID sponsored = reward(bank, "Savings passbook cover", 5, 5, null, bankPartner);
        UUID other = reward(bank, "Umbrella", 5, 5, null);
        String redemption = given().auth().oauth2(bank.volunteerToken(volunteer)).contentType(ContentType.JSON)
                .body(Map.of("rewardId", sponsored.toString())).when().post("/communities/{c}/redemptions", bank.community)
                .then().statusCode(201).extract().path("id");
        String partner = DevTokens.as("partner").subject(bankPartner).mint();
        given().auth().oauth2(partner).when().get("/sponsored-rewards")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(sponsored.toString()));
        given().auth().oauth2(partner).when().get("/sponsored-rewards/{r}/redemptions", sponsored)
                .then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(partner).when().get("/sponsored-rewards/{r}/redemptions", other).then().statusCode(404);
        given().auth().oauth2(partner).when().get("/communities/{c}/rewards", bank.community).then().statusCode(403);
        String rival = DevTokens.as("partner").subject("another-bank").mint();
        given().auth().oauth2(rival).when().post("/communities/{c}/redemptions/{r}/hand-over", bank.community, redemption)
                .then().statusCode(404); // another bank learns nothing of it
        String elsewhere = DevTokens.as("community-worker").community("laodong-yifang").mint();
        given().auth().oauth2(elsewhere).when().post("/communities/{c}/redemptions/{r}/cancel", bank.community, redemption)
                .then().statusCode(404);
        given().auth().oauth2(partner).when().post("/communities/{c}/redemptions/{r}/hand-over", bank.community, redemption)
                .then().statusCode(200).body("status", equalTo("HANDED_OVER"));
    }

    static UUID reward(MoralBank bank, String name, int price, int stock, Integer limit) {
        return reward(bank, name, price, stock, limit, null);
    }

    static UUID reward(MoralBank bank, String name, int price, int stock, Integer limit, String sponsor) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "pointsPrice", price, "stock", stock));
        if (limit != null) {
            body.put("perVolunteerLimit", limit);
        }
        if (sponsor != null) {
            body.put("sponsorId", sponsor);
        }
        return UUID.fromString(given().auth().oauth2(bank.worker).contentType(ContentType.JSON).body(body)
                .when().post("/communities/{c}/rewards", bank.community).then().statusCode(201).extract().path("id"));
    }
}
