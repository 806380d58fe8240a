package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The month in figures for community workers and the district. */
@QuarkusTest
class ReportTest {

    @Test
    void theMonthInFiguresAndTheQuietVolunteers() {
        MoralBank bank = new MoralBank();
        List<UUID> volunteers = bank.volunteers(3);
        UUID elder = bank.resident();
        bank.earn(volunteers.get(0), elder);
        bank.earn(volunteers.get(0), elder);
        bank.earn(volunteers.get(1), elder);
        UUID pending = bank.log(volunteers.get(1), "ERRAND", elder, 30);
        UUID reward = RedemptionTest.reward(bank, "Soap", 5, 5, null);
        given().auth().oauth2(bank.volunteerToken(volunteers.get(0))).contentType(ContentType.JSON)
                .body(Map.of("rewardId", reward.toString())).when().post("/communities/{c}/redemptions", bank.community)
                .then().statusCode(201);

        // services are counted in the month they were done; points in the month they were posted (both "now" here,
        // except a service done in the hour before a month began — then the ledger figures alone are checked)
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String district = DevTokens.as("district-officer").district(bank.district).mint();
        given().auth().oauth2(district).queryParam("month", month).when()
                .get("/communities/{c}/reports/monthly", bank.community)
                .then().log().ifValidationFails().statusCode(200)
                .body("pointsIssued", equalTo(30)).body("pointsRedeemed", equalTo(5))
                .body("topVolunteers", hasSize(2)).body("topVolunteers[0].volunteerId", equalTo(volunteers.get(0).toString()))
                .body("topVolunteers[0].points", equalTo(20))
                .body("teams[0].teamId", equalTo(MoralBank.TEAM.toString()));
        given().auth().oauth2(bank.worker).queryParam("month", month).queryParam("teamId", MoralBank.TEAM.toString()).when()
                .get("/communities/{c}/reports/monthly", bank.community)
                .then().statusCode(200).body("pointsIssued", equalTo(30));
        given().auth().oauth2(bank.worker).queryParam("month", "2026-13").when()
                .get("/communities/{c}/reports/monthly", bank.community).then().statusCode(400);
        given().auth().oauth2(bank.worker).queryParam("days", 1).when()
                .get("/communities/{c}/reports/inactive-volunteers", bank.community)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].volunteerId", equalTo(volunteers.get(2).toString()));
        given().auth().oauth2(bank.volunteerToken(volunteers.get(0))).queryParam("month", month).when()
                .get("/communities/{c}/reports/monthly", bank.community).then().statusCode(403);
        given().auth().oauth2(DevTokens.as("district-officer").district("another-district").mint()).queryParam("month", month)
                .when().get("/communities/{c}/reports/monthly", bank.community).then().statusCode(404);
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/services/{id}", bank.community, pending)
                .then().statusCode(200).body("status", equalTo("PENDING"));
    }
}
