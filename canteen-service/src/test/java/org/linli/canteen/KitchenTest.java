package org.linli.canteen;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The kitchen's production list: portions per dish, dine-in against delivery, dietary variants. */
@QuarkusTest
class KitchenTest {

    static final LocalDate DAY = TestCanteen.tomorrow();

    @Test
    void theProductionListCountsPortionsPerDishAndDietaryVariant() {
        TestCanteen canteen = TestCanteen.create();
        String pork = dish(canteen, "Braised pork", "MEAT", List.of("SOFT_TEXTURE"));
        String greens = dish(canteen, "Greens", "VEGETABLE", List.of("LOW_SALT"));
        menuWith(canteen, pork, greens);

        UUID a = canteen.diner(Map.of("dietaryNeeds", List.of("LOW_SALT")));
        UUID b = canteen.diner(Map.of("dietaryNeeds", List.of("LOW_SALT", "SOFT_TEXTURE")));
        UUID c = canteen.diner();
        UUID d = canteen.housebound(Map.of("dietaryNeeds", List.of("SOFT_TEXTURE")));
        UUID cancelled = canteen.diner();
        canteen.order(a, DAY, "DINE_IN");
        canteen.order(b, DAY, "DINE_IN");
        canteen.order(c, DAY, "DINE_IN");
        canteen.order(d, DAY, "DELIVERY");
        String gone = canteen.order(cancelled, DAY, "DINE_IN");
        canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), gone)
                .then().statusCode(200);

        canteen.as(canteen.staff()).when().get("/communities/{c}/days/{d}/production-list", canteen.code(), DAY.toString())
                .then().statusCode(200)
                .body("meals", hasSize(1))
                .body("meals[0].meal", equalTo("LUNCH"))
                .body("meals[0].portions", equalTo(4))
                .body("meals[0].dineIn", equalTo(3))
                .body("meals[0].delivery", equalTo(1))
                .body("meals[0].variants.LOW_SALT", equalTo(2))
                .body("meals[0].variants.SOFT_TEXTURE", equalTo(2))
                .body("meals[0].groups.find { it.dietaryNeeds.size() == 0 }.dineIn", equalTo(1))
                .body("meals[0].groups.find { it.dietaryNeeds == ['SOFT_TEXTURE'] }.delivery", equalTo(1))
                .body("meals[0].dishes.find { it.dishId == '" + pork + "' }.portions", equalTo(4))
                .body("meals[0].dishes.find { it.dishId == '" + pork + "' }.variantPortions.LOW_SALT", equalTo(2))
                .body("meals[0].dishes.find { it.dishId == '" + pork + "' }.variantPortions.SOFT_TEXTURE",
                        equalTo(null))
                .body("meals[0].dishes.find { it.dishId == '" + greens + "' }.variantPortions.SOFT_TEXTURE", equalTo(2));
        TestCanteen other = TestCanteen.create();
        other.as(other.staff()).when().get("/communities/{c}/days/{d}/production-list", canteen.code(), DAY.toString())
                .then().statusCode(404);
    }

    @Test
    void theProductionListOfTenThousandOrdersTakesLessThanASecond() {
        TestCanteen canteen = TestCanteen.create();
        // ten thousand orders written straight to the table (placing them through the API is the benchmark's job)
        Bulk.orders(canteen.code(), DAY, 10_000);
        canteen.as(canteen.staff()).when().get("/communities/{c}/days/{d}/production-list", canteen.code(),
                DAY.plusDays(1).toString()).then().statusCode(200); // warm the path up on another day
        long start = System.nanoTime();
        canteen.as(canteen.staff()).when().get("/communities/{c}/days/{d}/production-list", canteen.code(), DAY.toString())
                .then().statusCode(200).body("meals[0].portions", equalTo(10_000))
                .time(lessThan(1_000L));
        long millis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(millis < 1_000, "production list took " + millis + " ms");
    }

    static String dish(TestCanteen canteen, String name, String category, List<String> suitability) {
        return canteen.as(canteen.staff()).body(Map.of("name", name, "category", category, "suitability", suitability))
                .when().post("/communities/{c}/dishes", canteen.code()).then().statusCode(201).extract().path("id");
    }

    static void menuWith(TestCanteen canteen, String... lunch) {
        LocalDate monday = DAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Map<String, Object>> days = new ArrayList<>();
        Map<String, Object> day = new HashMap<>();
        day.put("date", DAY.toString());
        day.put("lunch", List.of(lunch));
        days.add(day);
        canteen.as(canteen.staff()).body(Map.of("days", days))
                .when().put("/communities/{c}/menus/{w}", canteen.code(), monday.toString()).then().statusCode(200);
    }
}
