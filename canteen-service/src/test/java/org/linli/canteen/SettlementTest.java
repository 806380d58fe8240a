package org.linli.canteen;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.canteen.events.CanteenEvents;
import org.linli.infra.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Daily and monthly settlement over the API, the same figures from the meal events alone, and who may read them. */
@QuarkusTest
class SettlementTest {

    static final LocalDate DAY = TestCanteen.tomorrow();
    static final String BANK = "rural-commercial-bank";

    @Test
    void theSettlementCountsServedAndDeliveredMealsAndMatchesTheEvents() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        canteen.priceRules(Map.of("mealPriceFen", 1500, "ageBandSubsidyFen", Map.of("AGED_75_84", 500),
                "lowIncomeSubsidyFen", 800, "sponsor", Map.of("id", BANK, "shareFen", 300)));
        UUID diner = canteen.diner();
        UUID poor = canteen.diner(Map.of("lowIncome", true));
        UUID noShow = canteen.diner();
        UUID home = canteen.housebound(Map.of());
        UUID silent = canteen.housebound(Map.of());
        String served = canteen.order(diner, DAY, "DINE_IN");
        String servedPoor = canteen.order(poor, DAY, "DINE_IN");
        canteen.order(noShow, DAY, "DINE_IN");
        String delivered = canteen.order(home, DAY, "DELIVERY");
        String missed = canteen.order(silent, DAY, "DELIVERY");
        List<String> settled = List.of(served, servedPoor, delivered);
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            for (String order : List.of(served, servedPoor, served)) {
                canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), order)
                        .then().statusCode(200).body("status", equalTo("SERVED"));
            }
            canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), delivered)
                    .then().statusCode(409);
            JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                    .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                    .then().statusCode(201).extract().jsonPath();
            for (int i = 0; i < 2; i++) {
                boolean home0 = run.getString("stops[" + i + "].orderId").equals(delivered);
                canteen.as(canteen.staff()).body(Map.of("welfareCheck", home0 ? "OK" : "NO_ANSWER"))
                        .when().post("/communities/{c}/delivery-runs/{r}/stops/{s}/outcome", canteen.code(),
                                run.getString("id"), run.getString("stops[" + i + "].stopId"))
                        .then().statusCode(200);
            }

            // per meal: 1500 total; diner 700 + 500 subsidy + 300 bank; poor 400 + 800 + 300; home 700 + 500 + 300
            canteen.as(canteen.staff()).when().get("/communities/{c}/settlements/daily/{d}", canteen.code(), DAY.toString())
                    .then().statusCode(200)
                    .body("meals", equalTo(3)).body("dineIn", equalTo(2)).body("delivered", equalTo(1))
                    .body("missedDeliveries", equalTo(1))
                    .body("totalFen", equalTo(4500)).body("elderPaidFen", equalTo(1800))
                    .body("subsidyFen", equalTo(1800)).body("sponsorFen", equalTo(900))
                    .body("sponsors.sponsorId", contains(BANK)).body("sponsors[0].meals", equalTo(3))
                    .body("sponsors[0].sponsorFen", equalTo(900));
            canteen.as(canteen.worker()).when().get("/communities/{c}/settlements/monthly/{m}", canteen.code(),
                    YearMonth.from(DAY).toString()).then().statusCode(200).body("meals", equalTo(3))
                    .body("totalFen", equalTo(4500));

            // the same figures from the events alone
            List<ConsumerRecord<String, String>> events = topic.await(r -> settled.contains(r.key())
                    && (r.value().contains(CanteenEvents.MEAL_SERVED) || r.value().contains(CanteenEvents.MEAL_DELIVERED)),
                    3, TestCanteen.PATIENCE);
            long total = 0;
            long elder = 0;
            long subsidy = 0;
            long sponsor = 0;
            for (ConsumerRecord<String, String> event : events) {
                JsonNode price = DeliveryTest.data(event).get("price");
                total += price.get("totalFen").asLong();
                elder += price.get("elderPaysFen").asLong();
                subsidy += price.get("subsidyFen").asLong();
                sponsor += price.get("sponsorFen").asLong();
            }
            assertEquals(List.of(4500L, 1800L, 1800L, 900L), List.of(total, elder, subsidy, sponsor));
            assertEquals(3, events.size(), "one event per meal, the repeated check-off published nothing");
        }
    }

    @Test
    void aPartnerReadsOnlyTheCanteensItSponsorsAndOnlyItsOwnShare() {
        TestCanteen sponsored = TestCanteen.create();
        sponsored.diner(); // the canteen learns its district
        sponsored.priceRules(Map.of("mealPriceFen", 1000, "sponsor", Map.of("id", BANK, "shareFen", 300)));
        TestCanteen unsponsored = TestCanteen.create();
        unsponsored.diner();
        String month = YearMonth.from(DAY).toString();

        sponsored.as(TestCanteen.partner(BANK)).when().get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month)
                .then().statusCode(200);
        sponsored.as(TestCanteen.partner("jilin-bank")).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(404);
        // a client token of the identity provider names the partner in its partner claim (its subject is generated)
        sponsored.as(org.linli.infra.DevTokens.as("partner").subject("service-account-7f3a").claim("partner", BANK).mint())
                .when().get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(200);
        sponsored.as(org.linli.infra.DevTokens.as("partner").subject(BANK).claim("partner", "jilin-bank").mint())
                .when().get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(404);
        unsponsored.as(TestCanteen.partner(BANK)).when()
                .get("/communities/{c}/settlements/daily/{d}", unsponsored.code(), DAY.toString()).then().statusCode(404);
        sponsored.as(sponsored.officer()).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(200);
        unsponsored.as(unsponsored.officer()).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(404);
        unsponsored.as(unsponsored.staff()).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(404);
        sponsored.as(sponsored.elder(UUID.randomUUID())).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), month).then().statusCode(403);
        sponsored.as(sponsored.staff()).when()
                .get("/communities/{c}/settlements/monthly/{m}", sponsored.code(), "2026-13").then().statusCode(400);
    }
}
