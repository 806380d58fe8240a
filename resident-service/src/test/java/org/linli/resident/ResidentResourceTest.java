package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.resident.domain.Resident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ResidentResourceTest {

    static final String CHANGSHAN = "changshan-garden";
    static final String LAODONG = "laodong-yifang";

    static final String MS_ZHAO = """
            {"name": "赵秀兰", "gender": "FEMALE", "birthDate": "1950-03-14",
             "livesAlone": true, "housebound": true, "chronicIllness": true,
             "dietaryNeeds": ["LOW_SALT", "SOFT_TEXTURE"]}""";

    static String worker(String community) {
        return DevTokens.as("community-worker").community(community).subject("worker-" + community).mint();
    }

    static String register(String community, String body) {
        return given().auth().oauth2(worker(community)).contentType(ContentType.JSON).body(body)
                .when().post("/communities/{c}/residents", community)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aCommunityWorkerRegistersAnElderAndReadsTheRecordBack() {
        String id = given().auth().oauth2(worker(CHANGSHAN)).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(201)
                .header("Location", containsString("/communities/changshan-garden/residents/"))
                .body("ageBand", equalTo("AGED_75_84"))
                .body("housebound", equalTo(true))
                .extract().path("id");

        given().auth().oauth2(worker(CHANGSHAN))
                .when().get("/communities/{c}/residents/{id}", CHANGSHAN, id)
                .then().statusCode(200)
                .body("name", equalTo("赵秀兰"))
                .body("dietaryNeeds", hasItems("LOW_SALT", "SOFT_TEXTURE"));
    }

    @Test
    void aResidentSeesTheirOwnRecord() {
        String id = register(CHANGSHAN, MS_ZHAO);
        String self = DevTokens.as("resident").community(CHANGSHAN).subject(id).mint();
        given().auth().oauth2(self).when().get("/communities/{c}/residents/{id}", CHANGSHAN, id)
                .then().statusCode(200).body("id", equalTo(id));
        String neighbour = DevTokens.as("resident").community(CHANGSHAN).subject("someone-else").mint();
        given().auth().oauth2(neighbour).when().get("/communities/{c}/residents/{id}", CHANGSHAN, id)
                .then().statusCode(404);
    }

    @Test
    void anotherCommunitysStaffGetNotFoundNotForbidden() {
        String id = register(CHANGSHAN, MS_ZHAO);
        given().auth().oauth2(worker(LAODONG))
                .when().get("/communities/{c}/residents/{id}", CHANGSHAN, id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(worker(LAODONG)).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(404);
    }

    @Test
    void withoutATokenTheAnswerIs401Problem() {
        given().when().get("/communities/{c}/residents/{id}", CHANGSHAN, java.util.UUID.randomUUID())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("title", notNullValue());
    }

    @Test
    void aForgedTokenIsRejected() {
        String token = worker(CHANGSHAN);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().get("/communities/{c}/residents/{id}", CHANGSHAN, java.util.UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anEndpointWithoutASecurityAnnotationIsDeniedEvenWithAValidToken() {
        given().auth().oauth2(worker(CHANGSHAN)).when().get("/test-only/forgotten")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/test-only/forgotten").then().statusCode(401);
    }

    @Test
    void aVolunteerMayNotRegisterResidents() {
        String volunteer = DevTokens.as("volunteer").community(CHANGSHAN).mint();
        given().auth().oauth2(volunteer).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void badInputIsA400NamingEachFieldAndWritesNothing() {
        long before = count();
        given().auth().oauth2(worker(CHANGSHAN)).contentType(ContentType.JSON)
                .body("""
                        {"name": " ", "gender": "FEMALE", "birthDate": "2999-01-01"}""")
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "birthDate"));
        given().auth().oauth2(worker(CHANGSHAN)).contentType(ContentType.JSON)
                .body("""
                        {"name": "王", "gender": "UNKNOWN", "birthDate": "1950-01-01"}""")
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().log().ifValidationFails().statusCode(400).body("violations[0].field", equalTo("gender"));
        given().auth().oauth2(worker(CHANGSHAN)).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(worker(CHANGSHAN)).contentType(ContentType.JSON)
                .when().post("/communities/{c}/residents", CHANGSHAN)
                .then().statusCode(400);
        given().auth().oauth2(worker(CHANGSHAN))
                .when().get("/communities/{c}/residents/{id}", CHANGSHAN, "not-a-uuid")
                .then().statusCode(404);
        assertEquals(before, count(), "no resident row was written by rejected requests");
    }

    private static long count() {
        return QuarkusTransaction.requiringNew().call(() -> Resident.count());
    }
}
