package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Volunteer minutes buy class time at the community's rate; a credit books a seat; cancelling returns both. */
@QuarkusTest
class ClassTimeTest {

    @Test
    void fortyMinutesOfServiceBuyOneClassAndACreditBooksASeat() {
        MoralBank bank = new MoralBank();
        List<UUID> volunteers = bank.volunteers(2);
        UUID volunteer = volunteers.get(0);
        UUID elder = bank.resident();
        bank.earn(volunteer, elder); // 45 minutes
        bank.earn(volunteer, elder); // 90 minutes
        String token = bank.volunteerToken(volunteer);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("credits", 3))
                .when().post("/communities/{c}/class-credits", bank.community)
                .then().statusCode(409).body("detail", containsString("Not enough service minutes"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("credits", 2))
                .when().post("/communities/{c}/class-credits", bank.community)
                .then().statusCode(201).body("minutesSpent", equalTo(80)).body("minutesLeft", equalTo(10))
                .body("creditsHeld", equalTo(2));

        String course = given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("title", "Paper-cutting", "provider", "Senior university"))
                .when().post("/communities/{c}/classes", bank.community).then().statusCode(201).extract().path("id");
        String session = given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("startsAt", OffsetDateTime.now().plusDays(3).toString(), "seats", 1))
                .when().post("/communities/{c}/classes/{k}/sessions", bank.community, course)
                .then().statusCode(201).body("durationMinutes", equalTo(90)).extract().path("id");

        String booking = given().auth().oauth2(token).when()
                .post("/communities/{c}/class-sessions/{s}/bookings", bank.community, session)
                .then().statusCode(201).body("status", equalTo("BOOKED")).extract().path("id");
        given().auth().oauth2(token).when().post("/communities/{c}/class-sessions/{s}/bookings", bank.community, session)
                .then().statusCode(409);
        wallet(bank, volunteer).body("classCredits", equalTo(1));

        UUID second = volunteers.get(1); // the only seat is taken
        bank.earn(second, elder);
        given().auth().oauth2(bank.volunteerToken(second)).contentType(ContentType.JSON).body(Map.of("credits", 1))
                .when().post("/communities/{c}/class-credits", bank.community).then().statusCode(201);
        given().auth().oauth2(bank.volunteerToken(second)).when()
                .post("/communities/{c}/class-sessions/{s}/bookings", bank.community, session)
                .then().statusCode(409).body("detail", containsString("full"));

        given().auth().oauth2(token).when().post("/communities/{c}/class-bookings/{b}/cancel", bank.community, booking)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        wallet(bank, volunteer).body("classCredits", equalTo(2));
        given().auth().oauth2(bank.volunteerToken(second)).when()
                .post("/communities/{c}/class-sessions/{s}/bookings", bank.community, session).then().statusCode(201);
        given().auth().oauth2(bank.worker).when().get("/communities/{c}/classes/{k}/sessions", bank.community, course)
                .then().statusCode(200).body("[0].seatsLeft", equalTo(0));
        bank.verifies();
    }

    @Test
    void theCommunitySetsItsOwnRate() {
        MoralBank bank = new MoralBank();
        UUID volunteer = bank.volunteer();
        bank.earn(volunteer, bank.resident()); // 45 minutes
        given().auth().oauth2(bank.worker).contentType(ContentType.JSON)
                .body(Map.of("deliveryPoints", 5, "minutesPerClass", 30))
                .when().put("/communities/{c}/points-policy", bank.community).then().statusCode(200);
        given().auth().oauth2(bank.volunteerToken(volunteer)).contentType(ContentType.JSON).body(Map.of("credits", 1))
                .when().post("/communities/{c}/class-credits", bank.community)
                .then().statusCode(201).body("minutesSpent", equalTo(30)).body("minutesLeft", equalTo(15));
        given().auth().oauth2(bank.volunteerToken(volunteer)).contentType(ContentType.JSON)
                .body(Map.of("deliveryPoints", 500, "minutesPerClass", 1))
                .when().put("/communities/{c}/points-policy", bank.community).then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse wallet(MoralBank bank, UUID volunteer) {
        return given().auth().oauth2(bank.worker).when()
                .get("/communities/{c}/volunteers/{v}/wallet", bank.community, volunteer).then().statusCode(200);
    }
}
