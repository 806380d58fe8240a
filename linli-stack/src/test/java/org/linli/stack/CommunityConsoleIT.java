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
            KeyboardCheck.note(desk, "care queue", inaccessible);
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
            KeyboardCheck.note(desk, "a resident's record", inaccessible);
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
            KeyboardCheck.note(phone, "registry, grid head", inaccessible);
        }
    }

    @Test
    void aWorkerRegistersAnElderWithConsentAndAnEmergencyContactThenEditsHerRecord() throws Exception {
        String id;
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/residents/new");
            desk.tap("save");
            assertEquals("true", desk.shown("field-name").getDomAttribute("aria-invalid"), "nothing is sent before the checks pass");
            desk.fill("field-name", "钱桂英");
            desk.choose("field-gender", "FEMALE");
            desk.fill("field-birthDate", "1941-06-18");
            desk.fill("field-phone", "13904310088");
            desk.chooseFirst("field-grid");
            desk.chooseFirst("field-building");
            desk.chooseFirst("field-unit");
            desk.choose("field-householdId", "new");
            desk.fill("field-doorNumber", "602");
            desk.choose("field-relationshipToHead", "HEAD");
            desk.tap("field-livesAlone");
            desk.screenshot("console-register");
            AccessibilityCheck.note(desk, "registration", inaccessible);
            KeyboardCheck.note(desk, "registration", inaccessible);
            desk.tap("save");
            WebElement record = desk.shown("resident");
            id = record.getDomAttribute("data-resident-id");

            desk.choose("consent-purpose", "CARE_ALERTS");
            desk.tap("consent-give");
            desk.waitFor(d -> d.getPageSource().contains("consent-withdraw") && desk.all("consent").size() >= 1);
            desk.tap("contact-add");
            desk.fill("contact-name", "钱明");
            desk.fill("contact-relationship", "儿子");
            desk.fill("contact-phone", "13804310099");
            desk.tap("save");
            desk.waitFor(d -> !desk.all("contact").isEmpty());

            desk.tap("edit-resident");
            desk.tap("edit-housebound");
            desk.tap("edit-dietaryNeeds-SOFT_TEXTURE");
            desk.tap("edit-save");
            desk.waitFor(d -> desk.all("edit-form").isEmpty());
            desk.screenshot("console-resident-registered");
            AccessibilityCheck.note(desk, "a registered resident", inaccessible);
            KeyboardCheck.note(desk, "a registered resident", inaccessible);
        }
        JsonNode resident = residents.get(worker, "/communities/" + COMMUNITY + "/residents/" + id);
        assertEquals("钱桂英", resident.path("name").asText());
        assertTrue(resident.path("livesAlone").asBoolean() && resident.path("housebound").asBoolean(), resident.toString());
        assertEquals("SOFT_TEXTURE", resident.path("dietaryNeeds").get(0).asText());
        assertEquals("602", residents.get(worker, "/communities/" + COMMUNITY + "/households/"
                + resident.path("householdId").asText()).path("doorNumber").asText());
        boolean careAlerts = false;
        for (JsonNode consent : residents.get(worker, "/communities/" + COMMUNITY + "/residents/" + id + "/consents")) {
            careAlerts |= "CARE_ALERTS".equals(consent.path("purpose").asText()) && consent.path("withdrawnAt").isNull();
        }
        assertTrue(careAlerts, "the consent she gave is on record");
        JsonNode contacts = residents.get(worker, "/communities/" + COMMUNITY + "/residents/" + id
                + "/emergency-contacts?reveal=true&reason=" + java.net.URLEncoder.encode("核对", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("13804310099", contacts.get(0).path("phone").asText());
    }

    @Test
    void aRecordRegisteredTwiceIsMergedIntoTheOlderOneAfterTheWorkerSaysSoTwice() throws Exception {
        Map<String, Object> person = Map.of("name", "孙桂兰", "gender", "FEMALE", "birthDate", "1938-02-02");
        String older = residents.create(worker, "/communities/" + COMMUNITY + "/residents", person);
        String newer = residents.create(worker, "/communities/" + COMMUNITY + "/residents", person);
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/residents");
            desk.tap("duplicates-open");
            WebElement pair = desk.waitFor(d -> desk.all("duplicate").stream()
                    .filter(e -> e.getText().contains("孙桂兰")).findFirst().orElse(null));
            desk.screenshot("console-duplicates");
            AccessibilityCheck.note(desk, "likely duplicates", inaccessible);
            KeyboardCheck.note(desk, "likely duplicates", inaccessible);
            String suspect = pair.getDomAttribute("data-suspect-id");
            desk.tap(pair.findElement(By.cssSelector("[data-testid=merge]")));
            assertEquals("ACTIVE", residents.get(worker, "/communities/" + COMMUNITY + "/residents/" + newer)
                    .path("status").asText(), "the first tap only asks");
            desk.tap(desk.driver.findElement(By.cssSelector("[data-suspect-id='" + suspect + "'] [data-testid=merge]")));
            desk.waitFor(d -> d.findElements(By.cssSelector("[data-suspect-id='" + suspect + "']")).isEmpty());
        }
        residents.await(worker, "/communities/" + COMMUNITY + "/residents/" + newer, PATIENCE,
                r -> "MERGED".equals(r.path("status").asText()));
        assertEquals("ACTIVE", residents.get(worker, "/communities/" + COMMUNITY + "/residents/" + older).path("status").asText());
    }

    @Test
    void aWorkerAppointsABuildingHeadFromTheOrganisationTree() throws Exception {
        try (PhoneBrowser desk = PhoneBrowser.desk()) {
            desk.signInAs(app, "han");
            desk.driver.get(app + "/#/console/org");
            WebElement building = desk.waitFor(d -> d.findElements(
                    By.cssSelector("[data-testid=org-unit][data-unit-id='" + layout.buildings().get(0) + "']")).stream()
                    .findFirst().orElse(null));
            desk.tap(building.findElement(By.cssSelector("[data-testid=appoint-head]")));
            desk.fill("head-search", "李建国");
            desk.shown("head-search").submit();
            WebElement mrLi = desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=appoint-resident][data-resident-id='"
                    + story.mrLi() + "']")).stream().findFirst().orElse(null));
            desk.tap(mrLi);
            desk.waitFor(d -> d.findElements(By.cssSelector("[data-unit-id='" + layout.buildings().get(0)
                    + "'] [data-testid=head]")).stream().anyMatch(h -> h.getText().contains("李建国")));
            desk.screenshot("console-org");
            AccessibilityCheck.note(desk, "organisation tree and heads", inaccessible);
            KeyboardCheck.note(desk, "organisation tree and heads", inaccessible);
        }
        boolean appointed = false;
        for (JsonNode a : residents.get(worker, "/communities/" + COMMUNITY + "/heads")) {
            appointed |= "BUILDING_HEAD".equals(a.path("kind").asText()) && story.mrLi().equals(a.path("residentId").asText())
                    && layout.buildings().get(0).equals(a.path("orgUnitId").asText());
        }
        assertTrue(appointed, "Mr Li is the building head on record");
    }
}
