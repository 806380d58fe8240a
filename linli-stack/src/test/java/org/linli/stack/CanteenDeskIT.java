package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's canteen workplace (食堂) in headless Chromium against the real packaged services on PostgreSQL and
 * Kafka, signed in as the canteen's Liu: a weekly menu that breaks the rules shows the broken rule beside its day and
 * cannot be published (the service refuses it too), then, fixed, is published with exactly those dishes; the kitchen's
 * production list counts what was ordered and prints without the console's navigation; a delivery run's sheet prints
 * the same way. Every screen passes axe-core. Screenshots: linli-stack/target/screenshots/console-canteen-*.
 */
class CanteenDeskIT extends InChangshanGarden {

    private static final String PREFIX = "/communities/" + COMMUNITY;

    @Test
    void aMenuThatBreaksARuleIsMarkedBesideItsDayAndOnlyTheFixedWeekIsPublished() throws Exception {
        // this week's and next week's menus are published by the story; the week after is Liu's to plan
        LocalDate week = LocalDate.now(COMMUNITY_TIME).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        JsonNode dishes = canteen.get(staff, PREFIX + "/dishes");
        List<String> meat = ofCategory(dishes, "MEAT");
        List<String> vegetables = ofCategory(dishes, "VEGETABLE");
        String staple = ofCategory(dishes, "STAPLE").get(0);
        assertTrue(meat.size() >= 7 && vegetables.size() >= 7, dishes.toString());

        // Wednesday's lunch has no vegetable; Friday's serves Monday's meat again
        Map<LocalDate, List<String>> lunches = new LinkedHashMap<>();
        for (int d = 0; d < 7; d++) {
            lunches.put(week.plusDays(d), new ArrayList<>(List.of(meat.get(d), vegetables.get(d))));
        }
        LocalDate wednesday = week.plusDays(2);
        LocalDate friday = week.plusDays(4);
        lunches.put(wednesday, new ArrayList<>(List.of(meat.get(2), staple)));
        lunches.get(friday).add(meat.get(0));

        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "liu");
            desk.driver.get(app + "/#/console/canteen/menu?week=" + week);
            desk.shown("menu-days");
            assertEquals("NEW", desk.shown("menu-status").getDomAttribute("data-status"));
            AccessibilityCheck.note(desk, "canteen: menu editor, a new week", inaccessible);
            for (var lunch : lunches.entrySet()) {
                for (String dish : lunch.getValue()) {
                    addLunchDish(desk, lunch.getKey(), dish);
                }
            }

            // the browser says what is wrong, beside the day, and does not offer to publish
            assertEquals(List.of("noVegetable"), rulesShownOn(desk, wednesday));
            assertEquals(List.of("repeat"), rulesShownOn(desk, friday));
            for (LocalDate day : lunches.keySet()) {
                if (!day.equals(wednesday) && !day.equals(friday)) {
                    assertEquals(List.of(), rulesShownOn(desk, day), day + " keeps the rules");
                }
            }
            assertTrue(day(desk, friday).getText().contains(name(dishes, meat.get(0))), "the repeated dish is named");
            assertFalse(desk.shown("publish-menu").isEnabled(), "publishing is not offered while a day breaks a rule");
            desk.shown("publish-blocked");
            desk.tap("save-draft");
            desk.shown("menu-saved");
            desk.script("arguments[0].scrollIntoView({block: 'start'})", day(desk, wednesday));
            desk.screenshot("console-canteen-menu-broken");
            AccessibilityCheck.note(desk, "canteen: menu editor, rules broken", inaccessible);

            // the service agrees: the saved draft is refused, naming both days
            JsonNode draft = canteen.get(staff, PREFIX + "/menus/" + week);
            assertEquals("DRAFT", draft.path("status").asText());
            HttpResponse<String> refused = canteen.post(staff, PREFIX + "/menus/" + week + "/publish", Map.of());
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(wednesday.toString()) && refused.body().contains(friday.toString()), refused.body());

            // fixed: a vegetable for Wednesday, Monday's meat off Friday
            addLunchDish(desk, wednesday, vegetables.get(2));
            lunches.get(wednesday).add(vegetables.get(2));
            desk.tap(day(desk, friday).findElement(By.cssSelector(
                    "[data-testid=menu-dish][data-meal=LUNCH][data-dish-id='" + meat.get(0) + "'] [data-testid=remove-dish]")));
            lunches.get(friday).remove(meat.get(0));
            desk.waitFor(d -> desk.all("day-problem").isEmpty());
            desk.tap("save-draft");
            desk.shown("menu-saved");

            // meanwhile a colleague saves a draft whose Monday has only a staple: the service refuses to publish it,
            // and the editor shows the refusal beside Monday
            List<Map<String, Object>> theirs = new ArrayList<>();
            lunches.forEach((date, ids) -> theirs.add(Map.of("date", date.toString(), "lunch",
                    date.equals(week) ? List.of(staple) : ids)));
            assertEquals(200, canteen.put(staff, PREFIX + "/menus/" + week, Map.of("days", theirs)).statusCode());
            desk.tap("publish-menu");
            desk.waitFor(d -> !day(desk, week).findElements(By.cssSelector("[data-testid=day-refusal]")).isEmpty());
            assertTrue(desk.all("day-refusal").stream().allMatch(r -> r.getText().contains(week.toString())),
                    "the refusal is shown beside the day it names");
            desk.shown("refusal-stale"); // and why the browser's rules did not see it coming
            desk.script("arguments[0].scrollIntoView({block: 'start'})", day(desk, week));
            desk.screenshot("console-canteen-menu-refused");
            AccessibilityCheck.note(desk, "canteen: menu editor, refused by the service", inaccessible);
            assertEquals("DRAFT", canteen.get(staff, PREFIX + "/menus/" + week).path("status").asText());

            // Liu's week is saved again over it, and published
            desk.tap("save-draft");
            desk.shown("menu-saved");
            desk.tap("publish-menu");
            desk.waitFor(d -> "PUBLISHED".equals(desk.shown("menu-status").getDomAttribute("data-status")));
            desk.shown("menu-published-note");
            desk.screenshot("console-canteen-menu-published");
            AccessibilityCheck.note(desk, "canteen: menu editor, published", inaccessible);
        }

        JsonNode published = canteen.get(staff, PREFIX + "/menus/" + week);
        assertEquals("PUBLISHED", published.path("status").asText(), published.toString());
        Map<LocalDate, List<String>> served = new LinkedHashMap<>();
        for (JsonNode d : published.path("days")) {
            List<String> ids = new ArrayList<>();
            d.path("lunch").forEach(id -> ids.add(id.asText()));
            served.put(LocalDate.parse(d.path("date").asText()), ids);
            assertEquals(0, d.path("dinner").size(), d.toString());
        }
        assertEquals(lunches, served);
    }

    @Test
    void theProductionListCountsTheDaysOrdersAndPrintsWithoutTheConsoleAround() throws Exception {
        // next Wednesday: on the story's published menu, well before its cut-off
        LocalDate day = LocalDate.now(COMMUNITY_TIME).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(2);
        HttpResponse<String> sun = canteen.post(staff, PREFIX + "/orders", Map.of("dinerId", story.mrSun(), "date",
                day.toString(), "service", "DINE_IN", "payment", "CASH"));
        assertEquals(201, sun.statusCode(), sun.body());
        HttpResponse<String> zhao = canteen.post(staff, PREFIX + "/orders", Map.of("dinerId", story.msZhao(), "date",
                day.toString(), "service", "DELIVERY", "payment", "CASH"));
        assertEquals(201, zhao.statusCode(), zhao.body());
        long lunches = 0;
        for (JsonNode o : canteen.get(staff, PREFIX + "/orders?date=" + day)) {
            lunches += !"CANCELLED".equals(o.path("status").asText()) && "LUNCH".equals(o.path("meal").asText()) ? 1 : 0;
        }
        assertEquals(2, lunches);
        List<String> menuDishes = new ArrayList<>();
        for (JsonNode d : canteen.get(staff, PREFIX + "/menus/" + day.with(DayOfWeek.MONDAY)).path("days")) {
            if (d.path("date").asText().equals(day.toString())) {
                d.path("lunch").forEach(id -> menuDishes.add(id.asText()));
            }
        }
        assertFalse(menuDishes.isEmpty());
        JsonNode run = ServiceApi.json(canteen.post(staff, PREFIX + "/days/" + day + "/delivery-runs",
                Map.of("deliverer", Map.of("kind", "STAFF", "id", "canteen-staff-liu"))));
        assertEquals(1, run.path("stops").size(), run.toString());

        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "liu");
            desk.driver.get(app + "/#/console/canteen/kitchen?date=" + day);
            desk.shown("production-list");
            List<WebElement> rows = desk.all("production-dish");
            assertEquals(menuDishes, rows.stream().map(r -> r.getDomAttribute("data-dish-id")).toList());
            for (WebElement row : rows) {
                assertEquals(String.valueOf(lunches), row.getDomAttribute("data-portions"));
                assertEquals(String.valueOf(lunches), row.findElement(By.cssSelector("[data-testid=production-count]")).getText());
            }
            desk.screenshot("console-canteen-kitchen");
            AccessibilityCheck.note(desk, "canteen: production list", inaccessible);

            printMedia(desk, true);
            assertPrintedWithoutTheConsole(desk);
            for (WebElement row : desk.all("production-dish")) {
                WebElement count = row.findElement(By.cssSelector("[data-testid=production-count]"));
                assertTrue(count.isDisplayed());
                assertEquals(String.valueOf(lunches), count.getText(), "the printed count");
            }
            desk.screenshot("console-canteen-kitchen-print");
            printMedia(desk, false);
            assertTrue(desk.driver.findElement(By.cssSelector(".console-nav")).isDisplayed(), "the navigation is back on screen");

            // the run's sheet: Ms Zhao's stop with her diet, and a column to tick
            desk.driver.get(app + "/#/console/canteen/runs?date=" + day);
            WebElement sheet = desk.shown("run-sheet");
            assertEquals(run.path("id").asText(), sheet.getDomAttribute("data-run-id"));
            List<WebElement> stops = desk.all("run-stop");
            assertEquals(List.of(story.msZhao()), stops.stream().map(s -> s.getDomAttribute("data-diner-id")).toList());
            desk.screenshot("console-canteen-run-sheet");
            AccessibilityCheck.note(desk, "canteen: delivery run sheet", inaccessible);
            printMedia(desk, true);
            assertPrintedWithoutTheConsole(desk);
            assertTrue(desk.shown("run-stop").isDisplayed());
            desk.screenshot("console-canteen-run-sheet-print");
            printMedia(desk, false);
        }
    }

    @Test
    void everyCanteenScreenOpensForTheCommunityWorkerToo() throws Exception {
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/canteen");
            desk.shown("console-canteen");
            desk.shown("menu-days");
            Map<String, String> screens = new LinkedHashMap<>();
            screens.put("dishes", "dish-table");
            screens.put("orders", "order-counts");
            screens.put("settlement", "settlement-table");
            screens.put("prices", "price-form");
            screens.put("diners", "diner");
            for (var screen : screens.entrySet()) {
                desk.tap("can-tab-" + screen.getKey());
                desk.shown(screen.getValue());
                desk.screenshot("console-canteen-" + screen.getKey());
                AccessibilityCheck.note(desk, "canteen: " + screen.getKey(), inaccessible);
            }
        }
    }

    private static void addLunchDish(PhoneBrowser desk, LocalDate date, String dishId) {
        WebElement day = day(desk, date);
        WebElement picker = day.findElement(By.cssSelector("[data-testid=pick-LUNCH]"));
        desk.script("arguments[0].scrollIntoView({block: 'center'})", picker);
        new Select(picker).selectByValue(dishId);
        desk.tap(day.findElement(By.cssSelector("[data-testid=add-LUNCH]")));
        desk.waitFor(d -> !day(desk, date).findElements(By.cssSelector(
                "[data-testid=menu-dish][data-meal=LUNCH][data-dish-id='" + dishId + "']")).isEmpty());
    }

    private static WebElement day(PhoneBrowser desk, LocalDate date) {
        return desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=menu-day][data-date='" + date + "']")).stream()
                .findFirst().orElse(null));
    }

    private static List<String> rulesShownOn(PhoneBrowser desk, LocalDate date) {
        return day(desk, date).findElements(By.cssSelector("[data-testid=day-problem]")).stream()
                .map(p -> p.getDomAttribute("data-rule")).toList();
    }

    private static void printMedia(PhoneBrowser desk, boolean print) {
        ((org.openqa.selenium.chromium.HasCdp) desk.driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("media", print ? "print" : ""));
        desk.waitFor(d -> Boolean.valueOf(print).equals(desk.script("return window.matchMedia('print').matches")));
    }

    private static void assertPrintedWithoutTheConsole(PhoneBrowser desk) {
        for (String hidden : List.of(".console-nav", ".console-tools", ".can-tabs", "[data-testid=print]")) {
            for (WebElement e : desk.driver.findElements(By.cssSelector(hidden))) {
                assertFalse(e.isDisplayed(), hidden + " is not printed");
            }
            assertFalse(desk.driver.findElements(By.cssSelector(hidden)).isEmpty(), hidden + " is on the page");
        }
    }

    private static List<String> ofCategory(JsonNode dishes, String category) {
        List<String> ids = new ArrayList<>();
        dishes.forEach(d -> {
            if (category.equals(d.path("category").asText())) {
                ids.add(d.path("id").asText());
            }
        });
        return ids;
    }

    private static String name(JsonNode dishes, String id) {
        for (JsonNode d : dishes) {
            if (id.equals(d.path("id").asText())) {
                return d.path("name").asText();
            }
        }
        return id;
    }
}
