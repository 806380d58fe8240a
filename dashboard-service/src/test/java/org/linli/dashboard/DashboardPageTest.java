package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The page in headless Chromium against the real service: it shows the API's figures, an event on a topic appears
 * without a reload, the download carries the page's totals, and a community worker sees one community only.
 */
@QuarkusTest
class DashboardPageTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String[] NAMES = { "长山花园", "桂花巷", "新民里", "春晖苑", "东门社区" };

    @TestHTTPResource("/")
    URL page;

    @Test
    void theDistrictPageShowsTheApisFiguresAndAnEventArrivesWithoutAReload() throws Exception {
        TestDistrict d = district();
        JsonPath api = d.districtFigures(TestDistrict.today().withDayOfMonth(1), TestDistrict.today());
        try (Browser browser = Browser.open(1600, 1000)) {
            browser.driver.get(page + "#token=" + d.officer());
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15));
            wait.until(x -> browser.driver.findElements(By.cssSelector("#communities tbody tr")).size() == NAMES.length);
            wait.until(x -> "live".equals(browser.driver.findElement(By.id("live")).getAttribute("data-status")));
            assertEquals(api.getInt("totals.'meals.delivered'"), tile(browser, "kpi-meals-delivered"));
            assertEquals(api.getInt("totals.'residents.aged60'"), tile(browser, "kpi-aged60"));
            assertEquals(api.getInt("totals.'services.confirmed'"), tile(browser, "kpi-services-confirmed"));
            assertEquals(api.getInt("care.alertsOpen"), tile(browser, "kpi-alerts-open"));
            assertTrue(browser.driver.findElement(By.id("care")).getAttribute("class").contains("overdue"),
                    "an alert unacknowledged past its escalation time turns the care panel red");
            assertTrue(browser.driver.findElement(By.id("care")).getText().contains("超时未响应"), "and says so in words");
            assertEquals("zh-CN", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(browser.driver.findElement(By.id("subtitle")).getText().contains("宽城区"));
            assertTrue(browser.driver.findElement(By.id("communities")).getText().contains("团山街道"));
            assertFalse(browser.driver.findElement(By.id("signin")).isDisplayed(), "the token link signed the page in");
            assertFalse(browser.driver.getCurrentUrl().contains("token"), "the token does not stay in the address bar");
            browser.screenshot(SCREENSHOTS.resolve("dashboard-district.png"));

            // sorting: the community with most lunches delivered first
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(x -> {
                browser.driver.findElement(By.cssSelector("button[data-sort='meals.delivered']")).click();
                return true;
            });
            String first = wait.until(x -> browser.driver.findElement(By.cssSelector("#communities tbody tr"))
                    .getAttribute("data-community"));
            assertEquals(d.community(1), first);

            // a lunch delivered now shows on the open page by itself
            int before = tile(browser, "kpi-meals-delivered");
            long sent = System.nanoTime();
            d.lunch(d.community(3), UUID.randomUUID(), TestDistrict.today(), "DELIVERED", UUID.randomUUID());
            new WebDriverWait(browser.driver, Duration.ofSeconds(5), Duration.ofMillis(50))
                    .until(x -> tile(browser, "kpi-meals-delivered") == before + 1);
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(millis < 2000, "the page showed the lunch after " + millis + " ms");

            // English on request
            browser.driver.findElement(By.id("language")).click();
            wait.until(x -> "en".equals(browser.driver.findElement(By.tagName("html")).getAttribute("lang")));
            assertTrue(browser.driver.findElement(By.id("title")).getText().contains("District dashboard"));

            // the monthly download carries the page's totals
            String href = browser.driver.findElement(By.id("csv")).getAttribute("href");
            String csv = new String(TestDistrict.as(d.officer()).accept("text/csv").get(href).then().statusCode(200)
                    .extract().asByteArray(), StandardCharsets.UTF_8);
            String total = csv.lines().filter(l -> l.startsWith("\"区 district\"")).findFirst().orElseThrow();
            List<String> heading = List.of(csv.lines().findFirst().orElseThrow().substring(1).split(","));
            int delivered = heading.indexOf("\"送餐 Lunches delivered\"");
            assertEquals(String.valueOf(tile(browser, "kpi-meals-delivered")), total.split(",")[delivered]);

            // drill down to one community (the live table may redraw between finding the link and clicking it)
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(x -> {
                browser.driver.findElement(By.cssSelector("#communities tbody tr[data-community='" + d.community(2) + "'] a"))
                        .click();
                return true;
            });
            wait.until(x -> browser.driver.findElement(By.id("community")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("title")).getText().contains(NAMES[1]));
        }
    }

    @Test
    void aCommunityWorkersPageShowsTheirCommunityOnlyOnAPhone() throws Exception {
        TestDistrict d = district();
        try (Browser browser = Browser.open(390, 844)) {
            browser.driver.get(page + "#token=" + d.worker(d.community(1)));
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15));
            wait.until(x -> browser.driver.findElement(By.id("community")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("title")).getText().contains(NAMES[0]));
            assertFalse(browser.driver.findElement(By.id("district")).isDisplayed(), "no district view");
            assertFalse(browser.driver.findElement(By.id("back")).isDisplayed(), "nothing to go back to");
            assertFalse(browser.driver.findElement(By.id("downloads")).isDisplayed(), "the district report is not theirs");
            assertTrue(browser.driver.findElement(By.id("quiet-body")).getText().contains("⚠"),
                    "a quiet elder is flagged with a sign, not by colour alone");
            browser.screenshot(SCREENSHOTS.resolve("dashboard-community-phone.png"));

            browser.driver.get(page + "#/community/" + d.community(2));
            wait.until(x -> browser.driver.findElement(By.id("state")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("state")).getText().contains("无权查看"),
                    "another community is not found: " + browser.driver.findElement(By.id("state")).getText());
        }
    }

    @Test
    void aPageWithoutATokenAsksForOneAndABadTokenIsExplained() throws Exception {
        try (Browser browser = Browser.open(1200, 900)) {
            browser.driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(10));
            wait.until(x -> browser.driver.findElement(By.id("signin")).isDisplayed());
            browser.driver.findElement(By.id("token")).sendKeys("not-a-token");
            browser.driver.findElement(By.cssSelector("#signin-form button")).click();
            wait.until(x -> browser.driver.findElement(By.id("signin-error")).isDisplayed());
            assertTrue(browser.driver.findElement(By.id("signin-error")).getText().contains("令牌无效"));
        }
    }

    /** The first number a tile shows (read in one script call: the page may re-render between two WebDriver calls). */
    private static int tile(Browser browser, String id) {
        Object shown = browser.driver.executeScript(
                "const v = document.querySelector('#' + arguments[0] + ' .value'); return v ? v.textContent : '';", id);
        String text = String.valueOf(shown).replaceAll("[^0-9]", " ").trim().split("\\s+")[0];
        return text.isEmpty() ? -1 : Integer.parseInt(text);
    }

    /** Five communities of one street, each with an enrolled volunteer, lunches, services; an overdue alert and a quiet elder. */
    private static TestDistrict district() {
        TestDistrict d = new TestDistrict();
        LocalDate today = TestDistrict.today();
        UUID grid = UUID.randomUUID();
        d.districtNamed("宽城区", "团山街道");
        for (int c = 1; c <= NAMES.length; c++) {
            String community = d.community(c);
            d.communityNamed(community, NAMES[c - 1]);
            UUID volunteer = d.resident(community, "AGED_60_74", true, false, false, false, grid);
            d.volunteer(community, volunteer, UUID.randomUUID()); // enrolled, so the tile reads "1 / 1", not "1 / 0"
            for (int e = 0; e < 3; e++) {
                UUID elder = d.resident(community, e == 0 ? "AGED_85_94" : "AGED_75_84", true, e == 0, true, e < 2, grid);
                if (e < NAMES.length - c + 1 && e < 2) {
                    d.lunch(community, elder, today, "DELIVERED", volunteer);
                }
                d.serviceConfirmed(community, volunteer, elder, "ELDER_CARE_VISIT", 40, 8, OffsetDateTime.now().minusHours(5));
            }
            d.lunch(community, volunteer, today, "SERVED", null);
        }
        UUID elder = d.resident(d.community(4), "AGED_85_94", true, true, true, true, grid);
        OffsetDateTime raised = OffsetDateTime.now().minusMinutes(25);
        d.alertRaised(d.community(4), elder, grid, raised, raised.plusMinutes(15));
        d.resident(d.community(1), "AGED_85_94", true, true, true, true, grid);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/districts/{d}", d.district).then().statusCode(200)
                .body("communities.size()", equalTo(NAMES.length)).body("care.alertsOpen", equalTo(1))
                .body("totals.residents", equalTo(NAMES.length * 4 + 2))
                .body("totals.'volunteers.enrolled'", equalTo(NAMES.length)));
        return d;
    }
}
