package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The neighbourhood app in a phone's browser (Debian's headless Chromium) against the real packaged services on real
 * PostgreSQL and Kafka, one test per journey: Mr Li's delivery round with no signal in the stairwell, Mr Sun ordering and
 * pausing his lunches in elder mode (measured against the age-friendly figures on every screen), and Zhao Li acting for
 * her mother from her own account, and for nobody else. Screenshots of each main screen go to
 * linli-stack/target/screenshots (the README's are copied from there into docs/screenshots).
 */
class NeighbourhoodAppIT extends InChangshanGarden {

    @Test
    void mrLiRecordsTwoDoorsWithNoSignalAndEachArrivesOnceWhenHeIsBackOnline() throws Exception {
        LocalDate tomorrow = LocalDate.now(COMMUNITY_TIME).plusDays(1);
        String zhaoOrder = order(story.msZhao(), tomorrow, "DELIVERY");
        String sunOrder = order(story.mrSun(), tomorrow, "DELIVERY");
        JsonNode run = ServiceApi.json(canteen.post(staff, "/communities/" + COMMUNITY + "/days/" + tomorrow + "/delivery-runs",
                Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id", story.mrLi()))));
        String walletPath = "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet";
        long pointsBefore = points.get(worker, walletPath).path("points").asLong();

        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.signInAs(app, "li");
            phone.driver.get(app + "/#/round");
            phone.waitFor(d -> phone.all("stop").size() == 2);
            phone.screenshot("app-volunteer-round");
            AccessibilityCheck.note(phone, "round", inaccessible);

            phone.readyForNoSignal();
            phone.offline(); // the stairwell
            phone.shown("offline-banner");
            WebElement first = stop(phone, stopOf(run, zhaoOrder));
            phone.tap(first.findElement(By.cssSelector("[data-testid=outcome-OK]")));
            WebElement second = stop(phone, stopOf(run, sunOrder));
            phone.tap(second.findElement(By.cssSelector("[data-testid=outcome-NO_ANSWER]")));
            phone.waitFor(d -> phone.shown("pending-count").getText().contains("2"));
            assertEquals("waiting", stop(phone, stopOf(run, zhaoOrder)).getDomAttribute("data-state"));
            assertEquals("waiting", stop(phone, stopOf(run, sunOrder)).getDomAttribute("data-state"));
            phone.screenshot("app-volunteer-round-offline");
            AccessibilityCheck.note(phone, "round, offline", inaccessible);

            // still no signal, and the page is reloaded: the two outcomes are kept on the phone
            phone.driver.navigate().refresh();
            phone.waitFor(d -> phone.all("stop").size() == 2);
            assertEquals("waiting", stop(phone, stopOf(run, sunOrder)).getDomAttribute("data-state"));
            assertEquals(null, canteen.get(staff, "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText())
                    .path("stops").get(0).path("welfareCheck").textValue(), "nothing reached the canteen while offline");

            phone.online();
            phone.waitFor(d -> "recorded".equals(stop(phone, stopOf(run, zhaoOrder)).getDomAttribute("data-state"))
                    && "recorded".equals(stop(phone, stopOf(run, sunOrder)).getDomAttribute("data-state")));
            assertTrue(phone.all("pending-count").stream().noneMatch(WebElement::isDisplayed));
            phone.screenshot("app-volunteer-round-recorded");

            // the delivery's points reach his wallet, and buy a gift at the exchange counter
            points.await(worker, walletPath, PATIENCE, w -> w.path("points").asLong() == pointsBefore + 5);
            phone.driver.get(app + "/#/wallet");
            phone.waitFor(d -> phone.shown("wallet-points").getText().equals(String.valueOf(pointsBefore + 5)));
            phone.screenshot("app-volunteer-wallet");
            AccessibilityCheck.note(phone, "wallet", inaccessible);
            phone.driver.get(app + "/#/rewards");
            WebElement gift = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=reward][data-affordable=true]"))
                    .stream().findFirst().orElse(null));
            String rewardId = gift.getDomAttribute("data-reward-id");
            long price = points.get(worker, "/communities/" + COMMUNITY + "/rewards/" + rewardId).path("pointsPrice").asLong();
            phone.tap(gift.findElement(By.cssSelector("[data-testid=redeem]")));
            phone.shown("redemption");
            phone.screenshot("app-volunteer-rewards");
            AccessibilityCheck.note(phone, "rewards", inaccessible);
            points.await(worker, walletPath, PATIENCE, w -> w.path("points").asLong() == pointsBefore + 5 - price);
        }

        // each outcome arrived once: the delivery's points once (then the gift's price spent), one care alert for the
        // door nobody answered
        JsonNode alerts = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts?open=true", PATIENCE,
                list -> count(list, a -> a.path("residentId").asText().equals(story.mrSun())) >= 1);
        Thread.sleep(2_000); // a second sending would have raised a second alert by now
        alerts = residents.get(worker, "/communities/" + COMMUNITY + "/care-alerts?open=true");
        assertEquals(1, count(alerts, a -> a.path("residentId").asText().equals(story.mrSun())), alerts.toString());
        JsonNode statement = points.get(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/statement");
        assertEquals(1, count(statement, line -> line.path("reference").asText().equals("delivery:" + zhaoOrder)), statement.toString());
        JsonNode recorded = canteen.get(staff, "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText());
        assertEquals("OK", find(recorded.path("stops"), s -> s.path("orderId").asText().equals(zhaoOrder)).path("welfareCheck").asText());
        assertEquals("NO_ANSWER", find(recorded.path("stops"), s -> s.path("orderId").asText().equals(sunOrder)).path("welfareCheck").asText());
    }

    @Test
    void mrSunOrdersCancelsAndPausesHisLunchInElderModeAndEveryScreenMeetsTheAgeFriendlyFigures() throws Exception {
        LocalDate monday = LocalDate.now(COMMUNITY_TIME).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
        LocalDate day = monday.plusDays(1); // next Tuesday: on the published menu, well before its cut-off
        Map<String, List<String>> shortfalls = new java.util.LinkedHashMap<>();

        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.driver.get(app + "/");
            assertTrue(AgeFriendlyCheck.shortfalls(phone).stream().anyMatch(s -> s.startsWith("text")),
                    "the check finds the standard mode's smaller text (it measures something)");
            phone.tap("elder-mode-switch"); // on the very first screen
            phone.waitFor(d -> (Boolean) phone.script("return document.documentElement.classList.contains('elder')"));
            shortfalls.put("welcome", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-welcome");
            AccessibilityCheck.note(phone, "welcome, elder mode", inaccessible);
            phone.signInAs(app, "sun");

            phone.driver.get(app + "/#/lunch");
            WebElement menuDay = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=menu-day][data-date='" + day + "']"))
                    .stream().findFirst().orElse(null));
            ((org.openqa.selenium.JavascriptExecutor) phone.driver).executeScript("arguments[0].scrollIntoView()", menuDay);
            shortfalls.put("lunch", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-lunch");
            AccessibilityCheck.note(phone, "lunch, elder mode", inaccessible);
            assertEquals(1, tabBarRows(phone), "elder mode's tab bar is one row (what does not fit is under More)");
            phone.tap(menuDay.findElement(By.cssSelector("[data-testid=order-lunch]")));
            phone.shown("service-DINE_IN");
            shortfalls.put("order: dine-in or delivered", AgeFriendlyCheck.shortfalls(phone));
            phone.tap("service-DINE_IN");
            phone.shown("confirm");
            shortfalls.put("order: confirm", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-order-confirm");
            AccessibilityCheck.note(phone, "order: confirm, elder mode", inaccessible);
            phone.tap("confirm");
            placedOrSaidWhyNot(phone);

            String orderId = phone.waitFor(d -> {
                d.get(app + "/#/orders");
                return d.findElements(By.cssSelector("[data-testid=order][data-status=PLACED]")).stream().findFirst()
                        .map(o -> o.getDomAttribute("data-order-id")).orElse(null);
            });
            JsonNode placed = canteen.get(staff, "/communities/" + COMMUNITY + "/orders/" + orderId);
            assertEquals(day.toString(), placed.path("date").asText());
            assertEquals("DINE_IN", placed.path("service").asText());
            assertEquals(story.mrSun(), placed.path("placedBy").asText(), placed.toString());
            shortfalls.put("orders", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-orders");
            AccessibilityCheck.note(phone, "orders, elder mode", inaccessible);

            WebElement order = phone.driver.findElement(By.cssSelector("[data-testid=order][data-order-id='" + orderId + "']"));
            phone.tap(order.findElement(By.cssSelector("[data-testid=cancel-order]")));
            phone.tap("confirm");
            canteen.await(staff, "/communities/" + COMMUNITY + "/orders/" + orderId, PATIENCE,
                    o -> o.path("status").asText().equals("CANCELLED"));

            // he sets up lunch at the canteen on weekdays (the form's days), from the Monday after next
            phone.driver.get(app + "/#/orders");
            phone.shown("standing-form");
            phone.tap("standing-dine-in");
            setDate(phone, phone.shown("standing-starts"), monday.plusWeeks(1));
            shortfalls.put("set up a standing order", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-standing-order");
            AccessibilityCheck.note(phone, "standing order, elder mode", inaccessible);
            phone.tap("create-standing");
            JsonNode standing = canteen.await(staff, "/communities/" + COMMUNITY + "/standing-orders?dinerId=" + story.mrSun(),
                    PATIENCE, list -> count(list, o -> o.path("status").asText().equals("ACTIVE")) == 1);
            JsonNode his = find(standing, o -> o.path("status").asText().equals("ACTIVE"));
            assertEquals("DINE_IN", his.path("service").asText(), his.toString());
            assertEquals("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]", his.path("weekdays").toString());
            assertEquals(monday.plusWeeks(1).toString(), his.path("startsOn").asText(), his.toString());

            // a hospital stay: his standing order pauses for three days, and resumes
            phone.shown("standing-order");
            LocalDate from = monday.plusWeeks(2);
            setDate(phone, phone.shown("pause-from"), from);
            setDate(phone, phone.shown("pause-until"), from.plusDays(2));
            shortfalls.put("pause the standing order", AgeFriendlyCheck.shortfalls(phone));
            phone.tap("pause-standing");
            JsonNode paused = canteen.await(staff, "/communities/" + COMMUNITY + "/standing-orders?dinerId=" + story.mrSun(),
                    PATIENCE, list -> list.toString().contains(from.toString()));
            assertTrue(paused.toString().contains(from.plusDays(2).toString()), paused.toString());

            // and when he moves to his daughter's, he stops it (asked once more)
            phone.tap("stop-standing");
            phone.tap("confirm-stop-standing");
            canteen.await(staff, "/communities/" + COMMUNITY + "/standing-orders/" + his.path("id").asText(), PATIENCE,
                    o -> o.path("status").asText().equals("CANCELLED"));
            phone.shown("standing-form");

            phone.tap("tab-more"); // his meal account and settings did not fit in elder mode's bar
            phone.shown("more-account");
            shortfalls.put("more", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-more");
            AccessibilityCheck.note(phone, "more, elder mode", inaccessible);
            phone.tap("more-account");
            phone.shown("balance");
            assertTrue(phone.shown("tab-more").getDomAttribute("aria-current") != null, "More stays lit on a screen it holds");
            shortfalls.put("meal account", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-account");
            AccessibilityCheck.note(phone, "meal account, elder mode", inaccessible);
            phone.driver.get(app + "/#/settings");
            phone.shown("elder-mode-switch");
            shortfalls.put("settings", AgeFriendlyCheck.shortfalls(phone));

            // in English the large tabs' longer words still fit their row
            phone.choose("language", "en");
            phone.tap("tab-more");
            phone.waitFor(d -> phone.shown("more-settings").getText().contains("Settings"));
            assertEquals(1, tabBarRows(phone), "elder mode's tab bar is one row in English too");
            shortfalls.put("more, in English", AgeFriendlyCheck.shortfalls(phone));
            phone.screenshot("app-elder-more-en");
        }
        shortfalls.values().removeIf(List::isEmpty);
        assertEquals(Map.of(), shortfalls, "elder mode falls short of the age-friendly figures");
    }

    /** How many rows the tab bar's tabs take (by their top edges). */
    private static int tabBarRows(PhoneBrowser phone) {
        return ((Number) phone.script("return new Set([...document.querySelectorAll('.tabbar .tab')]"
                + ".map(t => Math.round(t.getBoundingClientRect().top))).size")).intValue();
    }

    @Test
    void zhaoLiActsForHerMotherFromHerOwnAccountAndForNobodyElse() throws Exception {
        // a missed door the day after tomorrow: an alert about her mother for her to see
        LocalDate day = LocalDate.now(COMMUNITY_TIME).plusDays(2);
        String missed = order(story.msZhao(), day, "DELIVERY");
        JsonNode run = ServiceApi.json(canteen.post(staff, "/communities/" + COMMUNITY + "/days/" + day + "/delivery-runs",
                Map.of("deliverer", Map.of("kind", "STAFF", "id", "canteen-staff-liu"))));
        assertEquals(200, canteen.post(staff, "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText()
                + "/stops/" + stopOf(run, missed) + "/outcome", Map.of("welfareCheck", "NO_ANSWER")).statusCode());
        JsonNode alert = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts?open=true", PATIENCE,
                list -> count(list, a -> a.path("residentId").asText().equals(story.msZhao())) == 1);
        String alertId = find(alert, a -> a.path("residentId").asText().equals(story.msZhao())).path("id").asText();
        LocalDate lunchDay = LocalDate.now(COMMUNITY_TIME).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY))
                .plusDays(3);

        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.signInAs(app, "zhao-li");
            phone.driver.get(app + "/#/family");
            List<WebElement> parents = phone.waitFor(d -> phone.all("parent").isEmpty() ? null : phone.all("parent"));
            assertEquals(List.of(story.msZhao()), parents.stream().map(p -> p.getDomAttribute("data-parent-id")).toList());
            phone.screenshot("app-family-parents");
            AccessibilityCheck.note(phone, "family: parents", inaccessible);
            phone.tap(parents.get(0));
            assertTrue(phone.shown("acting-for").getText().contains("赵秀兰"));

            // her mother's lunch, ordered by her: the canteen records who acted for whom
            phone.driver.get(app + "/#/lunch");
            WebElement menuDay = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=menu-day][data-date='" + lunchDay + "']"))
                    .stream().findFirst().orElse(null));
            phone.tap(menuDay.findElement(By.cssSelector("[data-testid=order-lunch]")));
            phone.tap("service-DINE_IN");
            phone.tap("confirm");
            placedOrSaidWhyNot(phone);
            JsonNode orders = canteen.await(staff, "/communities/" + COMMUNITY + "/orders?dinerId=" + story.msZhao()
                    + "&date=" + lunchDay, PATIENCE, list -> count(list, o -> o.path("status").asText().equals("PLACED")) == 1);
            JsonNode placed = find(orders, o -> o.path("status").asText().equals("PLACED"));
            assertEquals(CommunityGenerator.ZHAO_LI_ACCOUNT, placed.path("placedBy").asText(), placed.toString());
            assertEquals(story.msZhao(), placed.path("placedFor").asText(), placed.toString());

            // her mother's care alert, acknowledged by her
            phone.driver.get(app + "/#/alerts");
            WebElement shown = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=care-alert][data-alert-id='" + alertId + "']"))
                    .stream().findFirst().orElse(null));
            phone.screenshot("app-family-alerts");
            AccessibilityCheck.note(phone, "family: care alerts", inaccessible);
            phone.tap(shown.findElement(By.cssSelector("[data-testid=acknowledge-alert]")));
            JsonNode acknowledged = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/" + alertId, PATIENCE,
                    a -> !a.path("acknowledgedAt").isMissingNode() && !a.path("acknowledgedAt").isNull());
            assertTrue(acknowledged.toString().contains(CommunityGenerator.ZHAO_LI_ACCOUNT), acknowledged.toString());

            // how she is told: the e-mail she gave, shown masked; she adds her mobile and asks for a text first
            phone.waitFor(d -> phone.shown("notice-reach-summary").getText().contains("z***@example.com") ? true : null);
            phone.tap("reach-edit");
            phone.fill("reach-email", "zhao.li-at-example.com");
            phone.tap("reach-save");
            assertTrue(phone.waitFor(d -> d.findElements(By.id("reach-email-error")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElse(null)).getText().contains("name@example.com"));
            phone.fill("reach-email", CommunityGenerator.zhaoLiEmail(COMMUNITY));
            phone.fill("reach-phone", "13604310011");
            phone.tap("reach-first-sms");
            phone.screenshot("app-family-notice-reach");
            AccessibilityCheck.note(phone, "family: how I am told", inaccessible);
            phone.tap("reach-save");
            phone.waitFor(d -> phone.shown("notice-reach-summary").getText().contains("136****0011") ? true : null);
            JsonNode reach = residents.get(DevTokens.as("family").subject(CommunityGenerator.ZHAO_LI_ACCOUNT).mint(),
                    "/family-links/notices");
            assertEquals("[\"sms\",\"email\"]", reach.path("channels").toString(), reach.toString());
            assertEquals("136****0011", reach.path("phone").asText(), reach.toString());

            // nobody else: through the app's API with her own session, Mr Sun's lunch cannot be ordered nor read
            String answer = (String) phone.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const s = await (await fetch('/session')).json();
                      const order = await fetch('/api/canteen/communities/%s/orders', { method: 'POST',
                        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken },
                        body: JSON.stringify({ dinerId: '%s', date: '%s', service: 'DINE_IN', payment: 'CASH' }) });
                      const read = await fetch('/api/canteen/communities/%s/orders?dinerId=%s');
                      const alerts = await fetch('/api/resident/communities/%s/residents/%s/care-alerts');
                      return order.status + ' ' + read.status + ' ' + alerts.status;
                    })().then(done, e => done('failed ' + e));
                    """.formatted(COMMUNITY, story.mrSun(), lunchDay, COMMUNITY, story.mrSun(), COMMUNITY, story.mrSun()));
            assertEquals("404 404 404", answer);

            // nor through the page: a parent she has no link for, slipped into the app's memory, shows nothing of his
            phone.script("""
                    const stored = JSON.parse(localStorage.getItem('linli.acting.v1'));
                    stored.link.parentId = arguments[0]; stored.link.parentName = '孙德明';
                    localStorage.setItem('linli.acting.v1', JSON.stringify(stored));
                    """, story.mrSun());
            phone.driver.get(app + "/#/orders");
            phone.driver.navigate().refresh();
            phone.shown("error");
            assertTrue(phone.all("order").isEmpty(), "none of Mr Sun's orders shown");
        }
    }

    @Test
    void msZhaoConfirmsTheVisitMrLiLoggedAndHisPointsFollow() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String visit = points.create(mrLi, "/communities/" + COMMUNITY + "/services", Map.of("type", "ELDER_CARE_VISIT",
                "beneficiaryId", story.msZhao(), "minutes", 30, "note", "evening visit",
                "performedAt", java.time.OffsetDateTime.now(COMMUNITY_TIME).minusHours(1).toString()));
        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.signInAs(app, "zhao");
            phone.driver.get(app + "/#/visits");
            WebElement shown = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=visit][data-service-id='" + visit + "']"))
                    .stream().findFirst().orElse(null));
            phone.screenshot("app-elder-visit");
            AccessibilityCheck.note(phone, "visits", inaccessible);
            phone.tap(shown.findElement(By.cssSelector("[data-testid=confirm-visit]")));
            points.await(worker, "/communities/" + COMMUNITY + "/services/" + visit, PATIENCE,
                    v -> v.path("status").asText().equals("CONFIRMED"));
        }
    }

    /** Waits for the order flow's last screen; fails with what the page said instead, if it said something else. */
    private static void placedOrSaidWhyNot(PhoneBrowser phone) {
        WebElement answer = phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=order-placed], [data-testid=error]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertEquals("order-placed", answer.getDomAttribute("data-testid"), "the page said: " + answer.getText());
    }

    private static String order(String diner, LocalDate date, String service) {
        HttpResponse<String> ordered = canteen.post(staff, "/communities/" + COMMUNITY + "/orders",
                Map.of("dinerId", diner, "date", date.toString(), "service", service, "payment", "CASH"));
        assertEquals(201, ordered.statusCode(), ordered.body());
        return ServiceApi.json(ordered).path("id").asText();
    }

    private static String stopOf(JsonNode run, String order) {
        JsonNode stop = find(run.path("stops"), s -> s.path("orderId").asText().equals(order));
        assertTrue(stop != null, "the order is on the run: " + run);
        return stop.path("stopId").asText();
    }

    private static WebElement stop(PhoneBrowser phone, String stopId) {
        return phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=stop][data-stop-id='" + stopId + "']"))
                .stream().findFirst().orElse(null));
    }

    private static void setDate(PhoneBrowser phone, WebElement input, LocalDate date) {
        phone.script("""
                const input = arguments[0];
                const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                setter.call(input, arguments[1]);
                input.dispatchEvent(new Event('input', { bubbles: true }));
                input.dispatchEvent(new Event('change', { bubbles: true }));
                """, input, date.toString());
    }

    private static JsonNode find(JsonNode items, java.util.function.Predicate<JsonNode> test) {
        JsonNode list = items.has("items") ? items.path("items") : items;
        for (JsonNode item : list) {
            if (test.test(item)) {
                return item;
            }
        }
        return null;
    }

    private static long count(JsonNode items, java.util.function.Predicate<JsonNode> test) {
        List<JsonNode> found = new ArrayList<>();
        (items.has("items") ? items.path("items") : items).forEach(i -> {
            if (test.test(i)) {
                found.add(i);
            }
        });
        return found.size();
    }
}
