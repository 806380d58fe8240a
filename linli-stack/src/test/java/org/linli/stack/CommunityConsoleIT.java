package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The community console in headless Chromium (Debian's) against the real packaged services on real PostgreSQL and
 * Kafka: the care queue that hears of a missed door without a reload, the registry with its audited reveal, and a grid
 * head narrowed to her grid. Every screen passes axe-core (no serious or critical violation). Screenshots go to
 * linli-stack/target/screenshots.
 */
class CommunityConsoleIT extends InChangshanGarden {

    @Test
    void aMissedDoorAppearsInTheWorkersCareQueueWithoutAReloadAndSheAcknowledgesIt() throws Exception {
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/care");
            desk.shown("care-queue");
            desk.script("window.linliNotReloaded = true");

            // meanwhile, on the round: nobody answers Ms Zhao's door
            LocalDate tomorrow = LocalDate.now(COMMUNITY_TIME).plusDays(1);
            HttpResponse<String> ordered = canteen.post(staff, "/communities/" + COMMUNITY + "/orders", Map.of("dinerId",
                    story.msZhao(), "date", tomorrow.toString(), "service", "DELIVERY", "payment", "CASH"));
            assertEquals(201, ordered.statusCode(), ordered.body());
            JsonNode run = ServiceApi.json(canteen.post(staff, "/communities/" + COMMUNITY + "/days/" + tomorrow
                    + "/delivery-runs", Map.of("deliverer", Map.of("kind", "STAFF", "id", "canteen-staff-liu"))));
            String stop = run.path("stops").get(0).path("stopId").asText();
            assertEquals(200, canteen.post(staff, "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText()
                    + "/stops/" + stop + "/outcome", Map.of("welfareCheck", "NO_ANSWER")).statusCode());

            WebElement alert = desk.waitFor(d -> d.findElements(
                    By.cssSelector("[data-testid=care-alert][data-resident-id='" + story.msZhao() + "']")).stream()
                    .findFirst().orElse(null));
            assertEquals(Boolean.TRUE, desk.script("return window.linliNotReloaded === true"), "the queue updated itself");
            desk.screenshot("console-care-queue");
            AccessibilityCheck.note(desk, "care queue", inaccessible);
            String alertId = alert.getDomAttribute("data-alert-id");
            desk.tap(alert.findElement(By.cssSelector("[data-testid=acknowledge-alert]")));
            desk.shown("acknowledge-note").sendKeys("已电话联系女儿，她下午过去看看。");
            desk.tap("confirm");
            JsonNode acknowledged = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/" + alertId, PATIENCE,
                    a -> "ACKNOWLEDGED".equals(a.path("status").asText()));
            assertEquals("worker-changshan-garden", acknowledged.path("acknowledgedBy").asText());
        }
    }

    @Test
    void aRevealedIdNumberIsInTheAuditTrailWithTheReasonTheWorkerGave() throws Exception {
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/residents/" + story.msZhao());
            desk.tap("reveal");
            assertTrue(desk.shown("reveal-reason").getDomAttribute("aria-invalid") != null, "no reveal without a reason");
            desk.shown("reveal-reason").sendKeys("办理高龄补贴");
            desk.tap("reveal");
            desk.waitFor(d -> d.getPageSource().contains("13504310001"));
            desk.screenshot("console-resident");
            AccessibilityCheck.note(desk, "a resident's record", inaccessible);
        }
        JsonNode audit = residents.get(worker, "/communities/" + COMMUNITY + "/audit?subjectId=" + story.msZhao());
        boolean found = false;
        for (JsonNode entry : audit) {
            found |= "READ_SENSITIVE".equals(entry.path("action").asText()) && "办理高龄补贴".equals(entry.path("reason").asText())
                    && "worker-changshan-garden".equals(entry.path("actor").asText());
        }
        assertTrue(found, audit.toString());
    }

    @Test
    void aGridHeadFindsTheResidentsOfHerGridAndNoOneElse() throws Exception {
        // a neighbour in grid 1 (Ms Zhao lives in grid 2, where Wu Yaqin is grid head)
        String household = residents.create(worker, "/communities/" + COMMUNITY + "/households",
                Map.of("unitId", layout.units().get(0), "doorNumber", "301"));
        residents.create(worker, "/communities/" + COMMUNITY + "/residents", Map.of("name", "钱玉珍", "gender", "FEMALE",
                "birthDate", "1944-04-04", "householdId", household, "relationshipToHead", "HEAD"));
        try (PhoneBrowser phone = PhoneBrowser.open()) {
            phone.signInAs(app, "wu");
            phone.driver.get(app + "/#/console/residents");
            phone.waitFor(d -> !phone.all("resident-row").isEmpty());
            List<String> shown = phone.all("resident-row").stream().map(r -> r.getDomAttribute("data-resident-id")).toList();
            assertTrue(shown.contains(story.msZhao()), shown.toString());
            assertTrue(phone.driver.getPageSource().contains("赵秀兰"));
            assertTrue(!phone.driver.getPageSource().contains("钱玉珍"), "a resident of another grid is not shown");
            phone.screenshot("console-grid-head-residents");
            AccessibilityCheck.note(phone, "registry, grid head", inaccessible);
        }
    }
}
