package org.linli.canteen;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.linli.canteen.events.CanteenEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;

/** Orders before the cut-off, one lunch per diner per day, priced by the canteen's rules and paid from the account. */
@QuarkusTest
class OrderTest {

    @Test
    void oneLunchPerDinerPerDayAlsoWhenTwoOrdersArriveTogether() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.diner();
        canteen.order(elder, TestCanteen.tomorrow(), "DINE_IN");
        canteen.as(canteen.staff()).body(order(elder, TestCanteen.tomorrow().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409)
                .body("detail", containsString("already has LUNCH on " + TestCanteen.tomorrow()));

        UUID other = canteen.diner();
        canteen.topUp(other, 5_000);
        String staff = canteen.staff();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String payment = i % 2 == 0 ? "ACCOUNT" : "CASH";
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return canteen.as(staff).body(order(other, TestCanteen.tomorrow().toString(), "DINE_IN", payment))
                        .when().post("/communities/{c}/orders", canteen.code()).statusCode();
            }, pool));
        }
        start.countDown();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one lunch: " + statuses);
        assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), "the rest are conflicts: " + statuses);
        canteen.as(staff).when().get("/communities/{c}/orders?dinerId={d}", canteen.code(), other)
                .then().statusCode(200).body("size()", equalTo(1));
        long charged = 5_000 - canteen.as(staff).when().get("/communities/{c}/diners/{d}/account", canteen.code(), other)
                .then().extract().<Integer>path("balanceFen");
        assertEquals(charged == 0 || charged == 700, true, "at most one charge stays: " + charged);
    }

    @Test
    void theCutOffClosesOrderingAndCancellingForTheDay() {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.diner();
        canteen.keepTodayOpen();
        String today = canteen.order(elder, TestCanteen.today(), "DINE_IN");
        String tomorrow = canteen.order(elder, TestCanteen.tomorrow(), "DINE_IN");

        canteen.cutOff("00:00");
        UUID late = canteen.diner();
        canteen.as(canteen.staff()).body(order(late, TestCanteen.today().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409)
                .body("detail", containsString("closed at 00:00"));
        canteen.as(canteen.staff()).body(order(late, TestCanteen.today().minusDays(3).toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409);
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), today)
                .then().statusCode(409).body("detail", containsString("cut-off"));
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), tomorrow)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        canteen.order(elder, TestCanteen.tomorrow(), "DINE_IN"); // the cancelled lunch no longer counts
    }

    @Test
    void deliveryIsForHouseboundDinersAndAPausedOrMissingDinerCannotOrder() {
        TestCanteen canteen = TestCanteen.create();
        UUID walks = canteen.diner();
        UUID housebound = canteen.housebound(Map.of());
        canteen.as(canteen.staff()).body(order(walks, TestCanteen.tomorrow().toString(), "DELIVERY", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409)
                .body("detail", containsString("housebound"));
        canteen.order(housebound, TestCanteen.tomorrow(), "DELIVERY");

        canteen.as(canteen.worker()).when().post("/communities/{c}/diners/{d}/pause", canteen.code(), walks)
                .then().statusCode(200).body("status", equalTo("PAUSED"));
        canteen.as(canteen.staff()).body(order(walks, TestCanteen.tomorrow().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409);
        canteen.as(canteen.worker()).when().post("/communities/{c}/diners/{d}/resume", canteen.code(), walks)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        canteen.order(walks, TestCanteen.tomorrow(), "DINE_IN");

        canteen.as(canteen.staff()).body(order(UUID.randomUUID(), TestCanteen.tomorrow().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(404);
        canteen.as(canteen.staff()).body(Map.of("dinerId", walks, "date", "tomorrow", "service", "DINE_IN"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(400);
        canteen.as(canteen.staff()).body(Map.of("dinerId", walks, "service", "TAKEAWAY", "date", "2026-01-01"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(400);
    }

    @Test
    void anElderOrdersForThemselfOnlyAndOtherCommunitiesSeeNothing() {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.diner();
        UUID neighbour = canteen.diner();
        canteen.topUp(elder, 1_000);
        String own = canteen.as(canteen.elder(elder)).body(order(elder, TestCanteen.tomorrow().toString(), "DINE_IN", null))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(201)
                .body("payment", equalTo("ACCOUNT")).extract().path("id");
        canteen.as(canteen.elder(elder)).body(order(neighbour, TestCanteen.tomorrow().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(404);
        canteen.as(canteen.elder(neighbour)).when().get("/communities/{c}/orders/{o}", canteen.code(), own)
                .then().statusCode(404);
        canteen.as(canteen.elder(neighbour)).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), own)
                .then().statusCode(404);
        canteen.as(canteen.elder(elder)).when().get("/communities/{c}/orders?dinerId={d}", canteen.code(), elder)
                .then().statusCode(200).body("id", contains(own));
        canteen.as(canteen.elder(elder)).when().get("/communities/{c}/orders", canteen.code()).then().statusCode(404);

        TestCanteen other = TestCanteen.create();
        other.as(other.staff()).when().get("/communities/{c}/orders/{o}", canteen.code(), own).then().statusCode(404);
        other.as(other.staff()).body(order(elder, TestCanteen.tomorrow().toString(), "DINE_IN", "CASH"))
                .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(404);
        other.as(other.staff()).when().get("/communities/{c}/diners/{d}/account", canteen.code(), elder)
                .then().statusCode(404);
        other.as(other.officer()).when().get("/communities/{c}/orders?date={d}", canteen.code(),
                TestCanteen.tomorrow().toString()).then().statusCode(404);
        canteen.as(canteen.officer()).when().get("/communities/{c}/orders?date={d}", canteen.code(),
                TestCanteen.tomorrow().toString()).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void thePriceFollowsTheCommunitysRulesInFen() {
        TestCanteen canteen = TestCanteen.create();
        UUID young = canteen.diner(Map.of("ageBand", "AGED_60_74"));
        UUID old = canteen.diner(Map.of("ageBand", "AGED_85_94"));
        UUID poor = canteen.housebound(Map.of("ageBand", "AGED_60_74", "lowIncome", true));
        canteen.as(canteen.staff()).when().get("/communities/{c}/diners/{d}/price", canteen.code(), young)
                .then().statusCode(200).body("totalFen", equalTo(700)).body("elderPaysFen", equalTo(700))
                .body("subsidyFen", equalTo(0)).body("sponsorFen", equalTo(0)).body("sponsorId", nullValue());

        canteen.priceRules(Map.of("mealPriceFen", 1500, "deliveryFeeFen", 200,
                "ageBandSubsidyFen", Map.of("AGED_60_74", 100, "AGED_85_94", 800),
                "lowIncomeSubsidyFen", 800, "sponsor", Map.of("id", "rural-commercial-bank", "shareFen", 300)));
        canteen.as(canteen.staff()).when().get("/communities/{c}/diners/{d}/price", canteen.code(), young)
                .then().body("totalFen", equalTo(1500)).body("subsidyFen", equalTo(100)).body("sponsorFen", equalTo(300))
                .body("elderPaysFen", equalTo(1100)).body("sponsorId", equalTo("rural-commercial-bank"));
        canteen.as(canteen.staff()).when().get("/communities/{c}/diners/{d}/price", canteen.code(), old)
                .then().body("subsidyFen", equalTo(800)).body("elderPaysFen", equalTo(400));
        canteen.as(canteen.elder(poor)).when().get("/communities/{c}/diners/{d}/price?service=DELIVERY", canteen.code(), poor)
                .then().body("totalFen", equalTo(1700)).body("subsidyFen", equalTo(800)).body("sponsorFen", equalTo(300))
                .body("elderPaysFen", equalTo(600));
        String delivered = canteen.order(poor, TestCanteen.tomorrow(), "DELIVERY");
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders/{o}", canteen.code(), delivered)
                .then().body("price.totalFen", equalTo(1700)).body("price.elderPaysFen", equalTo(600));

        canteen.as(canteen.staff()).body(Map.of("mealPriceFen", -1)).when()
                .put("/communities/{c}/canteen/price-rules", canteen.code()).then().statusCode(400)
                .body("violations[0].field", equalTo("mealPriceFen"));
        canteen.as(canteen.staff()).body(Map.of("mealPriceFen", 7.5)).when()
                .put("/communities/{c}/canteen/price-rules", canteen.code()).then().statusCode(400);
        canteen.as(canteen.staff()).body(Map.of("mealPriceFen", 700, "ageBandSubsidyFen", Map.of("AGED_40", 1))).when()
                .put("/communities/{c}/canteen/price-rules", canteen.code()).then().statusCode(400);
        canteen.as(canteen.officer()).when().get("/communities/{c}/canteen/price-rules", canteen.code())
                .then().statusCode(200).body("mealPriceFen", equalTo(1500));
        canteen.as(canteen.officer()).body(Map.of("mealPriceFen", 1)).when()
                .put("/communities/{c}/canteen/price-rules", canteen.code()).then().statusCode(403);
    }

    @Test
    void theAccountIsChargedPerMealRefundedOnCancellationAndNeverGoesNegative() {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.diner();
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            canteen.as(canteen.staff()).body(order(elder, TestCanteen.tomorrow().toString(), "DINE_IN", "ACCOUNT"))
                    .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409)
                    .body("detail", containsString("holds 0 fen"));
            canteen.topUp(elder, 1_000);
            String first = canteen.order(elder, TestCanteen.tomorrow(), "DINE_IN", "ACCOUNT");
            topic.await(r -> first.equals(r.key()) && r.value().contains(CanteenEvents.MEAL_ORDERED)
                    && r.value().contains("\"elderPaysFen\":700"), 1, TestCanteen.PATIENCE);
            canteen.as(canteen.staff()).body(order(elder, TestCanteen.tomorrow().plusDays(1).toString(), "DINE_IN", "ACCOUNT"))
                    .when().post("/communities/{c}/orders", canteen.code()).then().statusCode(409);
            canteen.as(canteen.elder(elder)).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), first)
                    .then().statusCode(200);
            topic.await(r -> first.equals(r.key()) && r.value().contains(CanteenEvents.MEAL_CANCELLED)
                    && r.value().contains("\"refundedFen\":700"), 1, TestCanteen.PATIENCE);
            canteen.as(canteen.elder(elder)).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), first)
                    .then().statusCode(200); // cancelling again refunds nothing more
            canteen.order(elder, TestCanteen.tomorrow().plusDays(1), "DINE_IN", "ACCOUNT");
        }
        canteen.as(canteen.elder(elder)).when().get("/communities/{c}/diners/{d}/account", canteen.code(), elder)
                .then().statusCode(200).body("balanceFen", equalTo(300))
                .body("entries.kind", contains("TOP_UP", "CHARGE", "REFUND", "CHARGE"))
                .body("entries.amountFen", contains(1000, -700, 700, -700))
                .body("entries.balanceAfterFen", contains(1000, 300, 1000, 300));
        canteen.as(canteen.elder(elder)).body(Map.of("amountFen", 100))
                .when().post("/communities/{c}/diners/{d}/account/top-ups", canteen.code(), elder).then().statusCode(403);
        canteen.as(canteen.staff()).body(Map.of("amountFen", 0))
                .when().post("/communities/{c}/diners/{d}/account/top-ups", canteen.code(), elder).then().statusCode(400);
    }

    static Map<String, Object> order(UUID diner, String date, String service, String payment) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("dinerId", diner, "date", date, "service", service));
        if (payment != null) {
            body.put("payment", payment);
        }
        return body;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
