package org.linli.platform.json;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What an API answers for a timestamp, through the service's own Jackson (the Quarkus ObjectMapper with every
 * customizer): RFC 3339 in UTC, seconds always written, microseconds at most, and the same bytes whether the
 * value came from memory or from PostgreSQL.
 */
@QuarkusTest
class TimestampAnswersTest {

    @Test
    void aValueInTheCommunityOffsetWithNanosecondsIsAnsweredInUtcToTheMicrosecond() {
        given().queryParam("at", "2026-12-01T08:12:27.02736131+08:00")
                .when().get("/stamps/given")
                .then().statusCode(200).body("at", is("2026-12-01T00:12:27.027361Z"));
    }

    @Test
    void aTimeOnTheMinuteStillCarriesItsSeconds() {
        given().queryParam("at", "2026-11-23T14:15+08:00")
                .when().get("/stamps/given")
                .then().statusCode(200).body("at", is("2026-11-23T06:15:00Z"));
    }

    @Test
    void aTimeToTheMillisecondIsWrittenToTheMillisecond() {
        given().queryParam("at", "2026-11-23T06:15:53.458Z")
                .when().get("/stamps/given")
                .then().statusCode(200).body("at", is("2026-11-23T06:15:53.458Z"));
    }

    @Test
    void theFirstAnswerAndEveryLaterOneAreTheSameBytes() {
        String first = given().when().post("/stamps").then().statusCode(200).extract().asString();
        String id = JsonPath.from(first).getString("id");
        String at = JsonPath.from(first).getString("at");

        String stored = given().when().get("/stamps/{id}", id).then().statusCode(200).extract().asString();
        String entity = given().when().get("/stamps/{id}/entity", id).then().statusCode(200).extract().asString();

        assertEquals(first, stored, "the answer built from memory is the answer built from what PostgreSQL stored");
        assertEquals(at, JsonPath.from(entity).getString("at"), "the entity answers the same time");
        assertTrue(at.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z"),
                "RFC 3339 in UTC with seconds and at most microseconds: " + at);
    }
}
