package org.linli.canteen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.canteen.domain.SettlementClosure;
import org.linli.canteen.events.CanteenEvents;
import org.linli.canteen.service.SettlementClosing;
import org.linli.infra.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Days close after 02:00 of the next day and months with their last day: settlement.closed.v1 once per community and
 * period, with the settlement API's figures, also when two instances close at the same time.
 */
@QuarkusTest
class SettlementClosingTest {

    static final LocalDate DAY = TestCanteen.tomorrow();
    static final String BANK = "rural-commercial-bank";
    static final String OTHER_BANK = "jilin-bank";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SettlementClosing closing;

    @Test
    void aDayClosesOnceAfterTwoInTheMorningWithTheSettlementApisFigures() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        canteen.priceRules(Map.of("mealPriceFen", 1500, "ageBandSubsidyFen", Map.of("AGED_75_84", 500),
                "sponsor", Map.of("id", BANK, "shareFen", 300)));
        UUID diner = canteen.diner();
        UUID home = canteen.housebound(Map.of());
        UUID silent = canteen.housebound(Map.of());
        String served = canteen.order(diner, DAY, "DINE_IN");
        String delivered = canteen.order(home, DAY, "DELIVERY");
        canteen.order(silent, DAY, "DELIVERY");
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), served)
                .then().statusCode(200);
        JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "STAFF", "id", "staff-wang")))
                .when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(), DAY.toString())
                .then().statusCode(201).extract().jsonPath();
        for (int i = 0; i < 2; i++) {
            boolean answered = run.getString("stops[" + i + "].orderId").equals(delivered);
            canteen.as(canteen.staff()).body(Map.of("welfareCheck", answered ? "OK" : "NO_ANSWER"))
                    .when().post("/communities/{c}/delivery-runs/{r}/stops/{s}/outcome", canteen.code(),
                            run.getString("id"), run.getString("stops[" + i + "].stopId"))
                    .then().statusCode(200);
        }
        JsonNode api = JSON.readTree(canteen.as(canteen.staff()).when()
                .get("/communities/{c}/settlements/daily/{d}", canteen.code(), DAY.toString())
                .then().statusCode(200).extract().asString());
        assertEquals(2, api.get("meals").asInt(), "the figures are not empty: " + api);

        ZonedDateTime nextDay = DAY.plusDays(1).atStartOfDay(TestCanteen.ZONE);
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            // at 01:59 the day is still open (its day before is due: closed with zeros)
            List<String> early = closing.closeDue(canteen.code(), nextDay.with(LocalTime.of(1, 59)));
            assertFalse(early.contains(DAY.toString()), "not before 02:00: " + early);
            assertTrue(early.contains(DAY.minusDays(1).toString()), early.toString());
            // at 02:01 it closes; closing again (a rerun, the next round of the job) changes nothing
            assertTrue(closing.closeDue(canteen.code(), nextDay.with(LocalTime.of(2, 1))).contains(DAY.toString()));
            assertTrue(closing.closeDue(canteen.code(), nextDay.with(LocalTime.of(2, 11))).isEmpty());
            assertFalse(closing.closeDay(canteen.code(), DAY));

            List<ConsumerRecord<String, String>> events = topic.await(r -> closedDay(r, canteen.code(), DAY), 1,
                    TestCanteen.PATIENCE);
            topic.during(Duration.ofSeconds(2), r -> false);
            assertEquals(1, topic.await(r -> closedDay(r, canteen.code(), DAY), 1, Duration.ofSeconds(1)).size(),
                    "the day was published once");
            ConsumerRecord<String, String> event = events.get(0);
            assertEquals(canteen.code(), event.key(), "keyed by the community");
            JsonNode data = DeliveryTest.data(event);
            assertEquals("DAY", data.get("kind").asText());
            assertEquals(DAY.toString(), data.get("period").asText());
            for (String figure : List.of("meals", "dineIn", "delivered", "missedDeliveries", "totalFen", "elderPaidFen",
                    "subsidyFen", "sponsorFen")) {
                assertEquals(api.get(figure).asLong(), data.get(figure).asLong(), figure + " as the settlement API says");
            }
            assertEquals(List.of(2L, 3000L, 1400L, 1000L, 600L, 1L), List.of(data.get("meals").asLong(),
                    data.get("totalFen").asLong(), data.get("elderPaidFen").asLong(), data.get("subsidyFen").asLong(),
                    data.get("sponsorFen").asLong(), data.get("missedDeliveries").asLong()));
            assertEquals(BANK, data.at("/sponsors/0/sponsorId").asText());
            assertEquals(2, data.at("/sponsors/0/meals").asLong());
            assertEquals(600, data.at("/sponsors/0/sponsorFen").asLong());
            List<String> fields = new ArrayList<>();
            data.fieldNames().forEachRemaining(fields::add);
            assertEquals(Set.of("communityId", "period", "kind", "from", "to", "meals", "dineIn", "delivered",
                    "missedDeliveries", "totalFen", "elderPaidFen", "subsidyFen", "sponsorFen", "sponsors", "closedAt"),
                    Set.copyOf(fields), "counts and amounts only");
            assertFalse(event.value().contains(diner.toString()) || event.value().contains(home.toString()),
                    "no diner in the event");
        }
        SettlementClosure row = QuarkusTransaction.requiringNew().call(() -> SettlementClosure
                .<SettlementClosure>find("communityId = ?1 and period = ?2", canteen.code(), DAY.toString()).singleResult());
        assertEquals(3000, row.totalFen);
        assertTrue(row.eventId != null, "the closure names its event");
    }

    @Test
    void twoInstancesClosingTheSameDayPublishItOnce() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        canteen.priceRules(Map.of("mealPriceFen", 1000, "sponsor", Map.of("id", BANK, "shareFen", 200)));
        UUID diner = canteen.diner();
        String order = canteen.order(diner, DAY, "DINE_IN");
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), order)
                .then().statusCode(200);
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            for (int round = 0; round < 3; round++) {
                LocalDate day = DAY.plusDays(round);
                int contenders = 4;
                ExecutorService pool = Executors.newFixedThreadPool(contenders);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < contenders; i++) {
                        results.add(pool.submit(() -> {
                            start.await();
                            return closing.closeDay(canteen.code(), day);
                        }));
                    }
                    start.countDown();
                    int won = 0;
                    for (Future<Boolean> result : results) {
                        won += result.get() ? 1 : 0;
                    }
                    assertEquals(1, won, "one instance closed " + day);
                } finally {
                    pool.shutdownNow();
                }
            }
            List<ConsumerRecord<String, String>> events = topic.await(r -> closed(r, canteen.code()), 3, TestCanteen.PATIENCE);
            topic.during(Duration.ofSeconds(2), r -> false);
            assertEquals(3, topic.await(r -> closed(r, canteen.code()), 3, Duration.ofSeconds(1)).size(),
                    "three days, one event each: " + events);
            assertEquals(1000, DeliveryTest.data(events.stream().filter(r -> closedDay(r, canteen.code(), DAY))
                    .findFirst().orElseThrow()).get("totalFen").asLong());
        }
        assertEquals(3L, QuarkusTransaction.requiringNew().call(() -> SettlementClosure.count("communityId", canteen.code())));
    }

    @Test
    void aMonthClosesWithItsLastDayWithEverySponsorsPart() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        canteen.priceRules(Map.of("mealPriceFen", 1200, "sponsor", Map.of("id", BANK, "shareFen", 300)));
        UUID first = canteen.diner();
        UUID second = canteen.diner();
        String served = canteen.order(first, DAY, "DINE_IN");
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), served)
                .then().statusCode(200);
        canteen.priceRules(Map.of("mealPriceFen", 1200, "sponsor", Map.of("id", OTHER_BANK, "shareFen", 500)));
        String other = canteen.order(second, DAY, "DINE_IN");
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), other)
                .then().statusCode(200);
        YearMonth month = YearMonth.from(DAY);
        JsonNode api = JSON.readTree(canteen.as(canteen.staff()).when()
                .get("/communities/{c}/settlements/monthly/{m}", canteen.code(), month.toString())
                .then().statusCode(200).extract().asString());

        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            ZonedDateTime lastDayClosing = month.atEndOfMonth().plusDays(1).atTime(2, 30).atZone(TestCanteen.ZONE);
            // the evening of the month's last day: the month is not closed yet
            assertFalse(closing.closeDue(canteen.code(), month.atEndOfMonth().atTime(20, 0).atZone(TestCanteen.ZONE))
                    .contains(month.toString()));
            List<String> closedNow = closing.closeDue(canteen.code(), lastDayClosing);
            assertTrue(closedNow.contains(month.atEndOfMonth().toString()) && closedNow.contains(month.toString()),
                    closedNow.toString());
            assertTrue(closing.closeDue(canteen.code(), lastDayClosing.plusHours(1)).isEmpty(), "closed once");
            assertFalse(closing.closeMonth(canteen.code(), month));

            ConsumerRecord<String, String> event = topic.await(r -> closed(r, canteen.code())
                    && r.value().contains("\"kind\":\"MONTH\""), 1, TestCanteen.PATIENCE).get(0);
            JsonNode data = DeliveryTest.data(event);
            assertEquals(month.toString(), data.get("period").asText());
            assertEquals(month.atDay(1).toString(), data.get("from").asText());
            assertEquals(month.atEndOfMonth().toString(), data.get("to").asText());
            for (String figure : List.of("meals", "totalFen", "elderPaidFen", "subsidyFen", "sponsorFen")) {
                assertEquals(api.get(figure).asLong(), data.get(figure).asLong(), figure + " as the settlement API says");
            }
            assertEquals(2, data.get("meals").asLong());
            assertEquals(800, data.get("sponsorFen").asLong());
            assertEquals(Map.of(BANK, 300L, OTHER_BANK, 500L), Map.of(data.at("/sponsors/0/sponsorId").asText(),
                    data.at("/sponsors/0/sponsorFen").asLong(), data.at("/sponsors/1/sponsorId").asText(),
                    data.at("/sponsors/1/sponsorFen").asLong()));
            // the month came once, after its last day on the community's key
            List<ConsumerRecord<String, String>> all = topic.during(Duration.ofSeconds(2), r -> closed(r, canteen.code()));
            assertEquals(1, all.stream().filter(r -> r.value().contains("\"kind\":\"MONTH\"")).count(), "one month event");
            assertTrue(all.indexOf(event) > all.indexOf(all.stream()
                    .filter(r -> closedDay(r, canteen.code(), month.atEndOfMonth())).findFirst().orElseThrow()),
                    "the last day before the month");
        }
    }

    private static boolean closed(ConsumerRecord<String, String> record, String community) {
        return community.equals(record.key()) && record.value().contains(CanteenEvents.SETTLEMENT_CLOSED);
    }

    private static boolean closedDay(ConsumerRecord<String, String> record, String community, LocalDate day) {
        return closed(record, community) && record.value().contains("\"period\":\"" + day + "\"");
    }
}
