package org.linli.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * What a client is told when a request fails, through a running service: every failure is RFC 9457
 * problem+json; a domain problem answers its own status, type and detail; a database integrity rule is a 409; a
 * genuine fault is a 500 that says nothing but a reference.
 */
@QuarkusTest
class ProblemAnswersTest {

    private static final String TYPES = "https://linli.dev/problems/";

    @Test
    void anInvalidFieldIsA400NamingTheField() {
        problem(given().get("/refusals/invalid-field"), 400, "invalid-request", "The request is not valid")
                .body("detail", is("performedAt: is in the future"))
                .body("violations", hasSize(1))
                .body("violations[0].field", is("performedAt"))
                .body("violations[0].message", is("is in the future"));
    }

    @Test
    void anInvalidRequestAsAWholeIsA400WithoutViolations() {
        problem(given().get("/refusals/invalid"), 400, "invalid-request", "The request is not valid")
                .body("detail", is("The two dates disagree"))
                .body("violations", nullValue());
    }

    @Test
    void aForbiddenActionIsA403SayingWhichRule() {
        problem(given().get("/refusals/forbidden"), 403, "forbidden", "Forbidden")
                .body("detail", is("Only the grid head may close this need"));
    }

    @Test
    void somethingOutOfSightIsA404() {
        problem(given().get("/refusals/not-found"), 404, "not-found", "Not found").body("detail", is("No resident here"));
    }

    @Test
    void aDomainProblemFromASeparateTransactionKeepsItsStatus() {
        problem(given().get("/refusals/not-found-in-own-transaction"), 404, "not-found", "Not found");
    }

    @Test
    void aClashWithTheCurrentStateIsA409WithItsMessage() {
        problem(given().get("/refusals/conflict"), 409, "conflict", "Conflict")
                .body("detail", is("This national ID is already registered"));
    }

    @Test
    void aUniqueRuleTheDatabaseEnforcesAtCommitIsA409WithoutInternals() {
        String name = "label-" + UUID.randomUUID();
        given().post("/refusals/labels/{name}", name).then().statusCode(204);
        problem(given().post("/refusals/labels/{name}", name), 409, "conflict", "Conflict")
                .body("detail", is("The request conflicts with data already stored"))
                .body(not(containsString("label_pkey")))
                .body(not(containsString("duplicate key")));
    }

    @Test
    void aUniqueRuleTheDatabaseEnforcesAtOnceIsA409() {
        String name = "label-" + UUID.randomUUID();
        given().post("/refusals/labels/{name}/at-once", name).then().statusCode(204);
        problem(given().post("/refusals/labels/{name}/at-once", name), 409, "conflict", "Conflict");
    }

    @Test
    void aGenuineFaultIsA500CarryingOnlyAReference() {
        problem(given().get("/refusals/crash"), 500, "internal", "Internal error")
                .body("detail", matchesPattern("Something went wrong on our side; quote reference [0-9a-f-]{36}"))
                .body(allOf(not(containsString("secret")), not(containsString("ledger")),
                        not(containsString("IllegalState")), not(containsString("at org."))));
    }

    @Test
    void aBodyBreakingItsConstraintsIsA400ListingEveryField() {
        problem(given().contentType("application/json").body("{\"diner\": \" \", \"portions\": 0}")
                .post("/refusals/bookings"), 400, "invalid-request", "The request is not valid")
                .body("detail", is("2 fields are not valid"))
                .body("violations.field", org.hamcrest.Matchers.contains("diner", "portions"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        problem(given().contentType("application/json").body("{\"diner\": ").post("/refusals/bookings"), 400,
                "malformed-body", "The request body is not valid JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIsA400NamingIt() {
        problem(given().contentType("application/json").body("{\"diner\": \"Zhao\", \"portions\": \"two\"}")
                .post("/refusals/bookings"), 400, "invalid-request", "The request is not valid")
                .body("violations[0].field", is("portions"));
    }

    @Test
    void aPathThatDoesNotExistIsAProblemToo() {
        problem(given().get("/refusals/no-such-thing"), 404, "http-404", "Not Found");
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type,
            String title) {
        return response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", is(TYPES + type))
                .body("title", is(title))
                .body("status", is(status))
                .body("instance", org.hamcrest.Matchers.startsWith("/refusals/"));
    }
}
