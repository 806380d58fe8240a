package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's volunteers workplace (志愿者) in headless Chromium against the real packaged services on real
 * PostgreSQL and Kafka: Han Xue, community worker, selects the twenty services Mr Li and Chen Xiao logged and confirms
 * them at once, watching the progress; points-service has every one CONFIRMED and each volunteer's wallet credited
 * once per service (also when the confirmations are sent again). At the reward counter she finds Mr Li's gift and
 * hands it over. Every screen passes axe-core; screenshots are named console-volunteers-*.
 */
class VolunteerDeskIT extends InChangshanGarden {

    private static final String PREFIX = "/communities/" + COMMUNITY;

    @Test
    void hanConfirmsTwentyServicesAtOnceAndEachVolunteerIsCreditedOncePerService() throws Exception {
        Map<String, String> tokens = Map.of(
                story.mrLi(), DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint(),
                story.chenXiao(), DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint());
        Map<String, Long> before = new HashMap<>();
        for (String volunteer : tokens.keySet()) {
            before.put(volunteer, wallet(volunteer).path("points").asLong());
        }

        // ten visits each, one a day (a visit earns 10 points, at most 30 a day and 100 a week: none is capped)
        Map<String, String> volunteerOf = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now(COMMUNITY_TIME);
        for (int day = 1; day <= 10; day++) {
            for (Map.Entry<String, String> volunteer : tokens.entrySet()) {
                HttpResponse<String> logged = points.post(volunteer.getValue(), PREFIX + "/services", Map.of(
                        "type", "ELDER_CARE_VISIT", "beneficiaryId", story.msZhao(), "minutes", 30,
                        "note", "探访第 " + day + " 天", "performedAt", now.minusDays(day).toString()));
                assertEquals(201, logged.statusCode(), logged.body());
                volunteerOf.put(ServiceApi.json(logged).path("id").asText(), volunteer.getKey());
            }
        }
        assertEquals(20, volunteerOf.size());

        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/volunteers");
            desk.waitFor(d -> desk.all("pending-service").size() == 20 ? true : null);
            List<String> shown = desk.all("pending-service").stream().map(r -> r.getDomAttribute("data-service-id")).toList();
            assertEquals(volunteerOf.keySet(), new java.util.HashSet<>(shown), "the twenty services wait on the first page");
            desk.screenshot("console-volunteers-services");
            AccessibilityCheck.note(desk, "volunteers: services to confirm", inaccessible);
            KeyboardCheck.note(desk, "volunteers: services to confirm", inaccessible);

            desk.tap("select-all");
            desk.waitFor(d -> desk.all("select-service").stream().allMatch(WebElement::isSelected) ? true : null);
            WebElement confirm = desk.shown("confirm-selected");
            assertTrue(confirm.getText().contains("20"), confirm.getText());
            desk.tap(confirm);

            WebElement result = desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=bulk-result][data-state=done]"))
                    .stream().findFirst().orElse(null));
            assertEquals("20", result.getDomAttribute("data-confirmed"), result.getText());
            assertEquals("0", result.getDomAttribute("data-failed"), result.getText());
            assertTrue(desk.shown("bulk-progress").getText().contains("20 / 20"), desk.shown("bulk-progress").getText());
            desk.waitFor(d -> desk.all("pending-service").isEmpty() ? true : null);
            desk.screenshot("console-volunteers-confirmed");
            AccessibilityCheck.note(desk, "volunteers: twenty confirmed", inaccessible);
            KeyboardCheck.note(desk, "volunteers: twenty confirmed", inaccessible);
        }

        assertAllConfirmedAndCreditedOnce(volunteerOf, before);

        // the same confirmations again (a retry, a second tab): nothing more is credited
        HttpResponse<String> again = points.post(worker, PREFIX + "/services/confirmations",
                Map.of("serviceIds", new ArrayList<>(volunteerOf.keySet())));
        assertEquals(200, again.statusCode(), again.body());
        for (JsonNode outcome : ServiceApi.json(again)) {
            assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        }
        assertAllConfirmedAndCreditedOnce(volunteerOf, before);
    }

    @Test
    void aServiceRejectedMeanwhileIsListedInWordsAndTheOthersAreConfirmed() throws Exception {
        String chenXiao = DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint();
        List<String> services = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(COMMUNITY_TIME);
        for (int day = 20; day < 24; day++) {
            HttpResponse<String> logged = points.post(chenXiao, PREFIX + "/services", Map.of("type", "ELDER_CARE_VISIT",
                    "beneficiaryId", story.mrSun(), "minutes", 45, "performedAt", now.minusDays(day).toString()));
            assertEquals(201, logged.statusCode(), logged.body());
            services.add(ServiceApi.json(logged).path("id").asText());
        }
        String a = services.get(0);
        String b = services.get(1);
        String meanwhile = services.get(2);
        String rejectedHere = services.get(3);

        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/volunteers");
            WebElement row = desk.waitFor(d -> d.findElements(By.cssSelector(row(rejectedHere))).stream().findFirst().orElse(null));

            // one is rejected here, with a reason
            desk.tap(row.findElement(By.cssSelector("[data-testid=reject-service]")));
            desk.shown("reject-reason").sendKeys("那天陈晓在外地，记错了日期");
            desk.tap("reject-confirm");
            JsonNode rejected = points.await(worker, PREFIX + "/services/" + rejectedHere, PATIENCE,
                    s -> "REJECTED".equals(s.path("status").asText()));
            assertEquals("那天陈晓在外地，记错了日期", rejected.path("rejectionReason").asText());

            // three are selected; one of them is rejected elsewhere before she confirms
            for (String id : List.of(a, b, meanwhile)) {
                WebElement pick = desk.waitFor(d -> d.findElements(By.cssSelector(row(id) + " [data-testid=select-service]"))
                        .stream().findFirst().orElse(null));
                desk.tap(pick);
            }
            HttpResponse<String> elsewhere = points.post(worker, PREFIX + "/services/" + meanwhile + "/reject",
                    Map.of("reason", "重复记录"));
            assertEquals(200, elsewhere.statusCode(), elsewhere.body());
            desk.tap("confirm-selected");

            WebElement result = desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=bulk-result][data-state=done]"))
                    .stream().findFirst().orElse(null));
            assertEquals("2", result.getDomAttribute("data-confirmed"), result.getText());
            assertEquals("1", result.getDomAttribute("data-failed"), result.getText());
            WebElement failure = desk.shown("bulk-failure");
            assertEquals(meanwhile, failure.getDomAttribute("data-service-id"));
            assertEquals("409", failure.getDomAttribute("data-status"));
            assertTrue(failure.getText().contains("已被驳回"), failure.getText());
            assertTrue(desk.all("bulk-retry").isEmpty(), "a service rejected meanwhile cannot be confirmed: no retry offered");
            desk.screenshot("console-volunteers-failures");
            AccessibilityCheck.note(desk, "volunteers: a failure listed", inaccessible);
            KeyboardCheck.note(desk, "volunteers: a failure listed", inaccessible);

            // offline, nothing can be sent: it says so, and stops saying so when the connection is back
            desk.offline();
            desk.shown("vol-offline");
            desk.screenshot("console-volunteers-offline");
            desk.online();
            desk.waitFor(d -> desk.all("vol-offline").isEmpty() ? true : null);
        }
        for (String id : List.of(a, b)) {
            assertEquals("CONFIRMED", points.get(worker, PREFIX + "/services/" + id).path("status").asText());
        }
        JsonNode stillRejected = points.get(worker, PREFIX + "/services/" + meanwhile);
        assertEquals("REJECTED", stillRejected.path("status").asText());
        assertEquals("重复记录", stillRejected.path("rejectionReason").asText());
    }

    @Test
    void aGridHeadOnHerPhoneSeesTheWorkplaceWithoutTheCommunitysReport() throws Exception {
        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.signInAs(app, "wu");
            phone.driver.get(app + "/#/console/volunteers");
            phone.waitFor(d -> !phone.all("pending-service").isEmpty() || !phone.all("empty").isEmpty() ? true : null);
            assertTrue(phone.all("vol-tab-report").isEmpty(), "the monthly report is the community workers'");
            assertTrue(!phone.all("vol-tab-counter").isEmpty());
            phone.screenshot("console-volunteers-grid-head-phone");
            AccessibilityCheck.note(phone, "volunteers: grid head on a phone", inaccessible);
            KeyboardCheck.note(phone, "volunteers: grid head on a phone", inaccessible);
        }
    }

    private static String row(String serviceId) {
        return "[data-testid=pending-service][data-service-id='" + serviceId + "']";
    }

    @Test
    void atTheCounterHanFindsMrLisGiftAndHandsItOver() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String reward = points.create(worker, PREFIX + "/rewards", Map.of("name", "毛巾一条", "pointsPrice", 5, "stock", 3));
        HttpResponse<String> redeemed = points.post(mrLi, PREFIX + "/redemptions", Map.of("rewardId", reward));
        assertEquals(201, redeemed.statusCode(), redeemed.body());
        String redemption = ServiceApi.json(redeemed).path("id").asText();

        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/volunteers/counter");
            desk.shown("counter-find").sendKeys("李建国");
            WebElement card = desk.waitFor(d -> d.findElements(By.cssSelector(
                    "[data-testid=redemption][data-redemption-id='" + redemption + "']")).stream().findFirst().orElse(null));
            assertTrue(card.getText().contains("毛巾一条"), card.getText());
            desk.screenshot("console-volunteers-counter");
            AccessibilityCheck.note(desk, "volunteers: reward counter", inaccessible);
            KeyboardCheck.note(desk, "volunteers: reward counter", inaccessible);
            desk.tap(card.findElement(By.cssSelector("[data-testid=hand-over]")));
            desk.waitFor(d -> desk.shown("vol-message").getText().contains("毛巾一条") ? true : null);
        }
        JsonNode handedOver = points.get(worker, PREFIX + "/redemptions/" + redemption);
        assertEquals("HANDED_OVER", handedOver.path("status").asText(), handedOver.toString());
        assertEquals(2, points.get(worker, PREFIX + "/rewards/" + reward).path("stock").asInt());
    }

    @Test
    void theWorkplacesOtherScreensOpenAndReadTheirFigures() throws Exception {
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/volunteers");
            desk.tap("vol-tab-applications");
            desk.waitFor(d -> !desk.all("application").isEmpty() || !desk.all("empty").isEmpty() ? true : null);
            desk.screenshot("console-volunteers-applications");
            AccessibilityCheck.note(desk, "volunteers: applications", inaccessible);
            KeyboardCheck.note(desk, "volunteers: applications", inaccessible);

            desk.tap("vol-tab-teams");
            desk.waitFor(d -> desk.all("team").size() == 14 ? true : null);
            desk.tap(desk.driver.findElement(By.cssSelector("[data-testid=team][data-team-id='" + layout.teams().get(3)
                    + "'] [data-testid=team-members]")));
            desk.waitFor(d -> d.getPageSource().contains("李建国") ? true : null);
            desk.screenshot("console-volunteers-teams");
            AccessibilityCheck.note(desk, "volunteers: teams", inaccessible);
            KeyboardCheck.note(desk, "volunteers: teams", inaccessible);

            desk.tap("vol-tab-classes");
            desk.waitFor(d -> !desk.all("class-session").isEmpty() ? true : null);
            desk.screenshot("console-volunteers-classes");
            AccessibilityCheck.note(desk, "volunteers: classes", inaccessible);
            KeyboardCheck.note(desk, "volunteers: classes", inaccessible);

            desk.tap("vol-tab-report");
            desk.shown("report-figures");
            desk.waitFor(d -> !desk.all("inactive-volunteers").isEmpty() || !desk.all("empty").isEmpty() ? true : null);
            desk.screenshot("console-volunteers-report");
            AccessibilityCheck.note(desk, "volunteers: monthly report", inaccessible);
            KeyboardCheck.note(desk, "volunteers: monthly report", inaccessible);
        }
    }

    private static JsonNode wallet(String volunteer) {
        return points.get(worker, PREFIX + "/volunteers/" + volunteer + "/wallet");
    }

    /** Every service CONFIRMED with its 10 points, each wallet up by exactly that, one statement line per service. */
    private static void assertAllConfirmedAndCreditedOnce(Map<String, String> volunteerOf, Map<String, Long> before) {
        Map<String, Long> credited = new HashMap<>();
        for (Map.Entry<String, String> service : volunteerOf.entrySet()) {
            JsonNode s = points.get(worker, PREFIX + "/services/" + service.getKey());
            assertEquals("CONFIRMED", s.path("status").asText(), s.toString());
            assertEquals(10, s.path("pointsAwarded").asInt(), s.toString());
            assertEquals("COMMUNITY_WORKER", s.path("decidedAs").asText(), s.toString());
            credited.merge(service.getValue(), 10L, Long::sum);
        }
        for (Map.Entry<String, Long> volunteer : before.entrySet()) {
            String id = volunteer.getKey();
            assertEquals(volunteer.getValue() + credited.get(id), wallet(id).path("points").asLong(), "points of " + id);
            JsonNode statement = points.get(worker, PREFIX + "/volunteers/" + id + "/statement?unit=POINTS&size=500");
            Map<String, Integer> lines = new HashMap<>();
            for (JsonNode line : statement) {
                lines.merge(line.path("reference").asText(), 1, Integer::sum);
            }
            volunteerOf.forEach((service, whose) -> {
                if (whose.equals(id)) {
                    assertEquals(1, lines.getOrDefault("service:" + service, 0), "statement lines for service " + service);
                }
            });
        }
    }
}
