package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.dashboard.service.IncomingRecord;
import org.linli.dashboard.service.LiveProjection;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A district learnt from the topics alone: two communities of one street, their people, volunteering, lunches and care,
 * rolled up to the district; and who may see what.
 */
@QuarkusTest
class DistrictFiguresTest {

    @jakarta.inject.Inject
    LiveProjection projection;

    @Test
    void theDistrictAddsUpItsCommunitiesFromTheirEvents() {
        TestDistrict d = new TestDistrict();
        String garden = d.community(1);
        String lane = d.community(2);
        UUID grid = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        LocalDate today = TestDistrict.today();
        // Changshan Garden: Ms Zhao (82, alone, housebound), Mr Li (66, volunteer), a young resident who moves out
        UUID msZhao = d.resident(garden, "AGED_75_84", true, true, true, true, grid);
        UUID mrLi = d.resident(garden, "AGED_60_74", true, false, false, false, grid);
        UUID young = d.resident(garden, "UNDER_60", false, false, false, false, grid);
        d.movedOut(garden, young);
        d.volunteer(garden, mrLi, team);
        // a volunteer is enrolled days before their first service: the team must be known when it is confirmed
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'volunteers.enrolled'", equalTo(1)));
        d.serviceConfirmed(garden, mrLi, msZhao, "ELDER_CARE_VISIT", 45, 10, OffsetDateTime.now().minusHours(3));
        d.redeemed(garden, mrLi, 6, "rural-commercial-bank");
        d.lunch(garden, msZhao, today, "DELIVERED", mrLi);
        d.lunch(garden, mrLi, today, "SERVED", null);
        // the lane: one elder whose door was not answered
        UUID elder = d.resident(lane, "AGED_85_94", true, true, true, true, grid);
        d.lunch(lane, elder, today, "MISSED", null);
        OffsetDateTime raised = OffsetDateTime.now().minusMinutes(30);
        d.alertRaised(lane, elder, grid, raised, raised.plusMinutes(15)); // nobody took it on: overdue

        LocalDate monthStart = today.withDayOfMonth(1);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/districts/{d}", d.district).then().statusCode(200)
                .body("communities", hasSize(2))
                .body("totals.'meals.missed'", equalTo(1))
                .body("care.alertsOpen", equalTo(1)));
        JsonPath district = d.districtFigures(monthStart, today);
        Map<String, Integer> totals = district.getMap("totals");
        assertEquals(3, totals.get("residents"), "the resident who moved out no longer counts");
        assertEquals(3, totals.get("residents.aged60"));
        assertEquals(2, totals.get("residents.aged80"));
        assertEquals(2, totals.get("residents.housebound"));
        assertEquals(1, totals.get("volunteers.enrolled"));
        assertEquals(1, district.getInt("volunteersActive"));
        assertEquals(1, totals.get("services.confirmed"));
        assertEquals(45, totals.get("services.minutes"));
        assertEquals(10, totals.get("points.issued"));
        assertEquals(6, totals.get("points.redeemed"));
        assertEquals(3, totals.get("meals.ordered"), "the lane's missed lunch was ordered too");
        assertEquals(1, totals.get("meals.delivered"));
        assertEquals(1, totals.get("meals.served"));
        assertEquals(1400, totals.get("fen.elder"), "two lunches, 7 yuan each");
        assertEquals(1000, totals.get("fen.subsidy"));
        assertEquals(600, totals.get("fen.sponsor"));
        assertEquals(3000, totals.get("fen.total"));
        assertEquals(1, totals.get("alerts.raised"));
        assertEquals(1, district.getInt("care.alertsOverdue"), "unacknowledged past its escalation time");
        assertEquals(true, district.getBoolean("care.openAlerts[0].overdue"));
        assertEquals(lane, district.getString("care.openAlerts[0].communityId"));
        assertEquals(1, district.getList("subDistricts").size(), "both communities lie in one street");
        assertEquals(3, district.getInt("subDistricts[0].figures.residents"));
        List<Integer> delivered = district.getList("trend.series.'meals.delivered'");
        assertEquals(30, delivered.size());
        assertEquals(1, delivered.get(29), "today is the last day of the trend");
        List<Integer> aged60 = district.getList("trend.series.'residents.aged60'");
        assertEquals(3, aged60.get(29), "a stock's trend is its level");

        // the community's figures were read before (kept, and read again within the change interval of the last event)
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'meals.delivered'", equalTo(1)));
        JsonPath community = TestDistrict.as(d.worker(garden)).get("/communities/{c}/figures", garden).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, community.getInt("breakdown.'type:ELDER_CARE_VISIT'.'services.confirmed'"));
        assertEquals(45, community.getInt("breakdown.'team:" + team + "'.'services.minutes'"));
        assertEquals(600, community.getInt("breakdown.'sponsor:rural-commercial-bank'.'fen.sponsor'"));
        assertEquals(1, community.getInt("breakdown.'band:AGED_75_84'.residents"));
        assertEquals(1, community.getList("quietElders").size());
        assertEquals(0, community.getInt("quietElders[0].quiet"), "Ms Zhao had her lunch delivered today");
    }

    @Test
    void aCorrectedAwardTakesItsServiceOutOfTheFiguresWhetherItArrivesWithTheAwardOrLater() {
        TestDistrict d = new TestDistrict();
        String garden = d.community(1);
        UUID team = UUID.randomUUID();
        UUID mrLi = d.resident(garden, "AGED_60_74", true, false, false, false, null);
        d.volunteer(garden, mrLi, team);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'volunteers.enrolled'", equalTo(1)));
        OffsetDateTime performed = OffsetDateTime.now().minusHours(3);
        // corrected straight after its award, in the same batch (handed to the live projection as the consumer does) ...
        UUID first = UUID.randomUUID();
        List<TestDistrict.Record> batch = new java.util.ArrayList<>(d.serviceConfirmedEvents(garden, mrLi, null, "ERRAND",
                30, 10, performed, UUID.randomUUID(), first));
        batch.add(d.awardCorrectedEvent(garden, mrLi, first, 10, 30, performed.plusHours(2)));
        long offset = 0;
        List<IncomingRecord> records = new java.util.ArrayList<>();
        for (TestDistrict.Record r : batch) {
            records.add(new IncomingRecord("dashboard-test.handed-over", 0, offset++, r.key(), r.event()));
        }
        projection.accept(records);
        // ... and one corrected once its award had been counted
        UUID second = UUID.randomUUID();
        d.serviceConfirmed(garden, mrLi, null, "ELDER_CARE_VISIT", 45, 15, performed, second);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'services.confirmed'", equalTo(1))
                .body("totals.'points.issued'", equalTo(15)));
        d.awardCorrected(garden, mrLi, second, 15, 45, performed.plusHours(2));
        d.serviceConfirmed(garden, mrLi, null, "ERRAND", 20, 5, performed); // stands

        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'services.confirmed'", equalTo(1))
                .body("totals.'services.minutes'", equalTo(20))
                .body("totals.'points.issued'", equalTo(5))
                .body("breakdown.'team:" + team + "'.'services.confirmed'", equalTo(1))
                .body("breakdown.'type:ERRAND'.'services.confirmed'", equalTo(1))
                .body("breakdown.'type:ELDER_CARE_VISIT'.'services.confirmed'", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void aServiceCountsForItsVolunteersTeamOnceWhicheverTopicIsReadFirst() {
        TestDistrict d = new TestDistrict();
        String garden = d.community(1);
        UUID team = UUID.randomUUID();
        UUID mrLi = d.resident(garden, "AGED_60_74", true, false, false, false, null);
        OffsetDateTime performed = OffsetDateTime.now().minusHours(1);
        // the service read before the enrolment that puts Mr Li in the team (a rebuild reads the topics side by side)
        d.serviceConfirmed(garden, mrLi, null, "ERRAND", 30, 10, performed);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'services.confirmed'", equalTo(1)));
        d.volunteer(garden, mrLi, team);
        d.serviceConfirmed(garden, mrLi, null, "ERRAND", 20, 5, performed); // and one after it

        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.worker(garden))
                .get("/communities/{c}/figures", garden).then().statusCode(200)
                .body("totals.'services.confirmed'", equalTo(2))
                .body("breakdown.'team:" + team + "'.'services.confirmed'", equalTo(2))
                .body("breakdown.'team:" + team + "'.'services.minutes'", equalTo(50)));
    }

    @Test
    void aCommunityWorkerSeesTheirOwnCommunityOnlyAndAnOfficerOnlyTheirDistrict() {
        TestDistrict d = new TestDistrict();
        TestDistrict other = new TestDistrict();
        String mine = d.community(1);
        String neighbour = d.community(2);
        String elsewhere = other.community(1);
        d.resident(mine, "AGED_60_74", true, false, false, false, null);
        d.resident(neighbour, "AGED_60_74", true, false, false, false, null);
        other.resident(elsewhere, "AGED_60_74", true, false, false, false, null);
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(other.officer())
                .get("/districts/{d}", other.district).then().statusCode(200).body("communities", hasSize(1)));
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/districts/{d}", d.district).then().statusCode(200).body("communities", hasSize(2)));

        String worker = d.worker(mine);
        TestDistrict.as(worker).get("/communities/{c}/figures", mine).then().statusCode(200);
        TestDistrict.as(worker).get("/communities/{c}/figures", neighbour).then().statusCode(404);
        TestDistrict.as(worker).get("/districts/{d}", d.district).then().statusCode(403);
        TestDistrict.as(worker).get("/scope").then().statusCode(200).body("communities.communityId", equalTo(List.of(mine)));
        TestDistrict.as(d.officer()).get("/communities/{c}/figures", elsewhere).then().statusCode(404);
        TestDistrict.as(d.officer()).get("/districts/{d}", other.district).then().statusCode(404);
        TestDistrict.as(d.officer()).get("/scope").then().statusCode(200).body("communities", hasSize(2));
        String resident = org.linli.infra.DevTokens.as("resident").subject(UUID.randomUUID().toString()).community(mine)
                .mint();
        TestDistrict.as(resident).get("/communities/{c}/figures", mine).then().statusCode(403);
        io.restassured.RestAssured.given().get("/districts/{d}", d.district).then().statusCode(401);
    }

    @Test
    void aBadPeriodIsRefusedWithTheFieldNamed() {
        TestDistrict d = new TestDistrict();
        TestDistrict.as(d.officer()).queryParam("from", "2026-12-10").queryParam("to", "2026-12-01")
                .get("/districts/{d}", d.district).then().statusCode(400).body("violations[0].field", equalTo("from"));
        TestDistrict.as(d.officer()).queryParam("from", "yesterday")
                .get("/districts/{d}", d.district).then().statusCode(400);
        TestDistrict.as(d.officer()).queryParam("from", "2024-01-01").queryParam("to", "2026-01-01")
                .get("/districts/{d}", d.district).then().statusCode(400);
    }
}
