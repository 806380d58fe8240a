package org.linli.canteen;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.canteen.events.CanteenEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;

/** A week's menu repeats no dish and every lunch has meat and vegetables; the refusal names the day and the dish. */
@QuarkusTest
class MenuTest {

    static final LocalDate MONDAY = TestCanteen.today().with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @Test
    void aRepeatedDishIsRefusedNamingTheDayAndTheDish() {
        TestCanteen canteen = TestCanteen.create();
        Week week = Week.of(canteen);
        List<Map<String, Object>> days = week.goodDays();
        days.get(3).put("dinner", List.of(week.meat.get(0))); // Monday's meat again on Thursday evening
        draft(canteen, days);

        canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                .then().statusCode(409)
                .body("detail", allOf(containsString("dish 'Braised pork 0'"), containsString(week.meat.get(0)),
                        containsString(MONDAY.plusDays(3) + " (THURSDAY) DINNER"),
                        containsString("first served " + MONDAY + " (MONDAY) LUNCH")));
    }

    @Test
    void aLunchWithoutMeatOrVegetablesIsRefusedNamingTheDay() {
        TestCanteen canteen = TestCanteen.create();
        Week week = Week.of(canteen);
        List<Map<String, Object>> days = week.goodDays();
        days.get(2).put("lunch", List.of(week.vegetable.get(2), week.soup.get(2))); // Wednesday: no meat
        days.get(5).put("lunch", List.of(week.meat.get(5), week.soup.get(5))); // Saturday: no vegetable
        days.remove(6); // Sunday: no lunch at all
        draft(canteen, days);

        canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                .then().statusCode(409)
                .body("detail", allOf(containsString(MONDAY.plusDays(2) + " (WEDNESDAY) lunch has no meat dish"),
                        containsString(MONDAY.plusDays(5) + " (SATURDAY) lunch has no vegetable dish"),
                        containsString(MONDAY.plusDays(6) + " (SUNDAY) has no lunch"),
                        not(containsString("TUESDAY"))));
    }

    @Test
    void aGoodMenuIsPublishedOnceAsAnEventWithIdsAndCodesOnlyAndThenStaysAsItIs() {
        TestCanteen canteen = TestCanteen.create();
        canteen.diner(); // the canteen learns its district from its diners' resident events
        Week week = Week.of(canteen);
        draft(canteen, week.goodDays());
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            String menuId = canteen.as(canteen.staff()).when()
                    .post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                    .then().statusCode(200).body("status", equalTo("PUBLISHED")).extract().path("id");
            canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                    .then().statusCode(200);
            List<ConsumerRecord<String, String>> events = topic.await(r -> menuId.equals(r.key())
                    && r.value().contains(CanteenEvents.MENU_PUBLISHED), 1, TestCanteen.PATIENCE);
            assertFalse(events.get(0).value().contains("Braised pork"), "dish ids and codes only");
            assertEquals(1, topic.during(java.time.Duration.ofSeconds(1), r -> menuId.equals(r.key())).size(),
                    "published once");
        }
        canteen.as(canteen.staff()).body(Map.of("days", week.goodDays()))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString()).then().statusCode(409);
        canteen.as(canteen.officer()).when().get("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString())
                .then().statusCode(200).body("days.size()", equalTo(7));
        TestCanteen other = TestCanteen.create();
        other.as(other.staff()).when().get("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString()).then().statusCode(404);
        other.as(other.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                .then().statusCode(404);
    }

    @Test
    void aDishCorrectedAfterPublishingShowsCorrectedInThePublishedWeek() {
        TestCanteen canteen = TestCanteen.create();
        canteen.diner();
        Week week = Week.of(canteen);
        draft(canteen, week.goodDays());
        canteen.as(canteen.staff()).when().post("/communities/{c}/menus/{w}/publish", canteen.code(), MONDAY.toString())
                .then().statusCode(200);
        String soup = week.soup().get(0);
        canteen.as(canteen.staff()).body(Map.of("name", "Tomato egg soup (with shrimp)", "category", "SOUP",
                "allergens", List.of("shellfish"))).when().put("/communities/{c}/dishes/{d}", canteen.code(), soup)
                .then().statusCode(200).body("allergens", equalTo(List.of("shellfish")));
        canteen.as(canteen.staff()).when().get("/communities/{c}/menus/{w}/published", canteen.code(), MONDAY.toString())
                .then().statusCode(200).body("days[0].lunch.find { it.id == '" + soup + "' }.name",
                        equalTo("Tomato egg soup (with shrimp)"))
                .body("days[0].lunch.find { it.id == '" + soup + "' }.allergens", equalTo(List.of("shellfish")));
        canteen.as(canteen.staff()).body(Map.of("name", "braised pork 1", "category", "MEAT"))
                .when().put("/communities/{c}/dishes/{d}", canteen.code(), week.meat().get(0)).then().statusCode(409);
        canteen.as(canteen.staff()).body(Map.of("name", "Braised pork 0", "category", "MEAT"))
                .when().put("/communities/{c}/dishes/{d}", canteen.code(), week.meat().get(0)).then().statusCode(200);
        TestCanteen other = TestCanteen.create();
        other.as(other.staff()).body(Map.of("name", "Mine now", "category", "SOUP"))
                .when().put("/communities/{c}/dishes/{d}", other.code(), soup).then().statusCode(404);
        canteen.as(canteen.elder(java.util.UUID.randomUUID())).body(Map.of("name", "Fish", "category", "MEAT"))
                .when().put("/communities/{c}/dishes/{d}", canteen.code(), soup).then().statusCode(403);
    }

    @Test
    void badInputIsA4xx() {
        TestCanteen canteen = TestCanteen.create();
        canteen.as(canteen.staff()).body(Map.of("name", "Steamed egg", "category", "EGGS"))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(400);
        canteen.as(canteen.staff()).body(Map.of("category", "SOUP"))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(400)
                .body("violations[0].field", equalTo("name"));
        canteen.as(canteen.staff()).body(Map.of("days", List.of()))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), MONDAY.plusDays(1).toString()).then().statusCode(400);
        canteen.as(canteen.staff()).body(Map.of("days", List.of(Map.of("date", MONDAY.plusDays(8).toString()))))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString()).then().statusCode(400);
        canteen.as(canteen.staff()).body(Map.of("days", List.of(Map.of("date", MONDAY.toString(),
                "lunch", List.of(java.util.UUID.randomUUID())))))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString()).then().statusCode(404);
        canteen.as(canteen.staff()).body(Map.of("name", "Tofu", "category", "VEGETABLE"))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(201);
        canteen.as(canteen.staff()).body(Map.of("name", "tofu", "category", "VEGETABLE"))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(409);
        canteen.as(canteen.elder(java.util.UUID.randomUUID())).body(Map.of("name", "Fish", "category", "MEAT"))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(403);
    }

    static void draft(TestCanteen canteen, List<Map<String, Object>> days) {
        canteen.as(canteen.staff()).body(Map.of("days", days))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), MONDAY.toString()).then().statusCode(200);
    }

    /** Seven meat, vegetable and soup dishes, one of each for each day. */
    record Week(List<String> meat, List<String> vegetable, List<String> soup) {

        static Week of(TestCanteen canteen) {
            Week week = new Week(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 7; i++) {
                week.meat.add(dish(canteen, "Braised pork " + i, "MEAT", List.of("SOFT_TEXTURE")));
                week.vegetable.add(dish(canteen, "Stir-fried greens " + i, "VEGETABLE", List.of("LOW_SALT")));
                week.soup.add(dish(canteen, "Tomato egg soup " + i, "SOUP", List.of()));
            }
            return week;
        }

        List<Map<String, Object>> goodDays() {
            List<Map<String, Object>> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Map<String, Object> day = new HashMap<>();
                day.put("date", MONDAY.plusDays(i).toString());
                day.put("lunch", List.of(meat.get(i), vegetable.get(i), soup.get(i)));
                days.add(day);
            }
            return days;
        }

        static String dish(TestCanteen canteen, String name, String category, List<String> suitability) {
            return canteen.as(canteen.staff()).body(Map.of("name", name, "category", category, "allergens", List.of(),
                    "suitability", suitability))
                    .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(201).extract().path("id");
        }
    }
}
