package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A rebuild replays every topic into a fresh schema and swaps it in: the figures after equal the figures before. */
@QuarkusTest
class RebuildTest {

    @Test
    void figuresRebuiltFromTheTopicsEqualTheLiveOnesAndTheLiveStreamGoesOnAfterTheSwap() {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        UUID grid = UUID.randomUUID();
        UUID elder = d.resident(community, "AGED_85_94", true, true, true, true, grid);
        UUID volunteer = d.resident(community, "UNDER_60", false, false, false, false, grid);
        d.volunteer(community, volunteer, UUID.randomUUID());
        d.serviceConfirmed(community, volunteer, elder, "ERRAND", 30, 5, OffsetDateTime.now().minusHours(2));
        d.lunch(community, elder, TestDistrict.today(), "DELIVERED", volunteer);
        OffsetDateTime raised = OffsetDateTime.now().minusMinutes(20);
        UUID alert = d.alertRaised(community, elder, grid, raised, raised.plusMinutes(15));
        d.alertAcknowledged(community, alert, elder, grid, raised, raised.plusMinutes(4));
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/communities/{c}/figures", community).then().statusCode(200)
                .body("totals.'alerts.acknowledged'", equalTo(1)).body("totals.'meals.delivered'", equalTo(1)));
        LocalDate today = TestDistrict.today();
        String before = figures(d, community, today);

        TestDistrict.as(TestDistrict.operator()).post("/admin/rebuild").then().statusCode(202);
        TestDistrict.as(TestDistrict.operator()).post("/admin/rebuild").then().statusCode(409);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> TestDistrict.as(TestDistrict.operator())
                .get("/admin/rebuild").then().statusCode(200).body("state", equalTo("DONE")));

        assertEquals(before, figures(d, community, today), "every figure, after the rebuild, as before it");
        JsonPath district = d.districtFigures(today.withDayOfMonth(1), today);
        assertEquals(240, district.getInt("care.acknowledgement.p50Seconds"), "acknowledged after four minutes");

        d.lunch(community, elder, today, "SERVED", null); // the live projection writes into the swapped-in schema
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/communities/{c}/figures", community).then().body("totals.'meals.served'", equalTo(1)));
        TestDistrict.as(d.officer()).post("/admin/rebuild").then().statusCode(403);
    }

    @Test
    void lunchesServedWhileARebuildRunsAreAllInTheSwappedInFigures() throws Exception {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        UUID elder = d.resident(community, "AGED_75_84", true, false, false, false, null);
        int lunches = 60;
        d.lunch(community, elder, TestDistrict.today(), "SERVED", null);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/communities/{c}/figures", community).then().body("totals.'meals.served'", equalTo(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !"REPLAYING".equals(rebuildState())
                && !"SWAPPING".equals(rebuildState())); // another test's rebuild may still be running
        TestDistrict.as(TestDistrict.operator()).post("/admin/rebuild").then().statusCode(202);
        // lunches keep being served during the replay, the swap and after it
        for (int i = 1; i < lunches; i++) {
            d.lunch(community, elder, TestDistrict.today(), "SERVED", null);
            Thread.sleep(20);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(rebuildState()));
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/communities/{c}/figures", community).then().body("totals.'meals.served'", equalTo(lunches))
                .body("totals.'meals.ordered'", equalTo(lunches)));
    }

    private static String rebuildState() {
        return TestDistrict.as(TestDistrict.operator()).get("/admin/rebuild").then().statusCode(200).extract()
                .path("state");
    }

    /** The community's figures without the moment they were read. */
    private static String figures(TestDistrict d, String community, LocalDate today) {
        String json = TestDistrict.as(d.officer()).queryParam("from", today.withDayOfMonth(1).toString())
                .queryParam("to", today.toString()).get("/communities/{c}/figures", community).then().statusCode(200)
                .extract().asString();
        return json.replaceAll("\"asOf\":\"[^\"]*\"", "").replaceAll("\"minutesOpen\":\\d+", "");
    }
}
