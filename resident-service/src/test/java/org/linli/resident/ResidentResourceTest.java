package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.resident.domain.Resident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Registering and reading residents; the security and error baseline every endpoint shares. */
@QuarkusTest
class ResidentResourceTest {

    static final String MS_ZHAO = """
            {"name": "赵秀兰", "gender": "FEMALE", "birthDate": "1950-03-14",
             "livesAlone": true, "housebound": true, "chronicIllness": true,
             "dietaryNeeds": ["LOW_SALT", "SOFT_TEXTURE"]}""";

    @Test
    void aCommunityWorkerRegistersAnElderAndReadsTheRecordBack() {
        TestCommunity community = TestCommunity.create();
        String id = given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(community.inHousehold(MS_ZHAO))
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(201)
                .header("Location", containsString("/communities/" + community.code() + "/residents/"))
                .body("ageBand", equalTo("AGED_75_84"))
                .body("housebound", equalTo(true))
                .body("householdId", equalTo(community.householdId()))
                .body("unitId", equalTo(community.unitId()))
                .extract().path("id");

        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}", community.code(), id)
                .then().statusCode(200)
                .body("name", equalTo("赵秀兰"))
                .body("dietaryNeeds", hasItems("LOW_SALT", "SOFT_TEXTURE"));
    }

    @Test
    void aResidentSeesTheirOwnRecordAndNobodyElses() {
        TestCommunity community = TestCommunity.create();
        String id = community.register(MS_ZHAO);
        given().auth().oauth2(community.resident(id)).when().get("/communities/{c}/residents/{id}", community.code(), id)
                .then().statusCode(200).body("id", equalTo(id));
        String neighbour = community.register("""
                {"name": "李建国", "gender": "MALE", "birthDate": "1953-06-02"}""");
        given().auth().oauth2(community.resident(neighbour)).when().get("/communities/{c}/residents/{id}", community.code(), id)
                .then().statusCode(404);
    }

    @Test
    void anotherCommunitysStaffGetNotFoundNotForbidden() {
        TestCommunity changshan = TestCommunity.create();
        TestCommunity laodong = TestCommunity.create();
        String id = changshan.register(MS_ZHAO);
        given().auth().oauth2(laodong.worker())
                .when().get("/communities/{c}/residents/{id}", changshan.code(), id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(laodong.worker()).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", changshan.code())
                .then().statusCode(404);
        given().auth().oauth2(laodong.worker())
                .when().get("/communities/{c}/residents", changshan.code())
                .then().statusCode(404);
        given().auth().oauth2(laodong.officer())
                .when().get("/communities/{c}/residents/{id}", changshan.code(), id)
                .then().statusCode(404);
    }

    @Test
    void aDistrictOfficerReadsEveryCommunityOfTheDistrictButWritesNothing() {
        TestCommunity community = TestCommunity.create();
        String id = community.register(MS_ZHAO);
        given().auth().oauth2(community.officer()).when().get("/communities/{c}/residents/{id}", community.code(), id)
                .then().statusCode(200).body("chronicIllness", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(community.officer()).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(403);
    }

    @Test
    void withoutATokenTheAnswerIs401Problem() {
        given().when().get("/communities/{c}/residents/{id}", "changshan-garden", UUID.randomUUID())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("title", notNullValue());
    }

    @Test
    void aForgedTokenIsRejected() {
        String token = DevTokens.as("community-worker").community("changshan-garden").mint();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().get("/communities/{c}/residents/{id}", "changshan-garden", UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anEndpointWithoutASecurityAnnotationIsDeniedEvenWithAValidToken() {
        String token = DevTokens.as("community-worker").community("changshan-garden").mint();
        given().auth().oauth2(token).when().get("/test-only/forgotten")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/test-only/forgotten").then().statusCode(401);
    }

    @Test
    void aVolunteerMayNotRegisterResidents() {
        TestCommunity community = TestCommunity.create();
        String volunteer = DevTokens.as("volunteer").community(community.code()).mint();
        given().auth().oauth2(volunteer).contentType(ContentType.JSON).body(MS_ZHAO)
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void badInputIsA400NamingEachFieldAndWritesNothing() {
        TestCommunity community = TestCommunity.create();
        long before = count();
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body("""
                        {"name": " ", "gender": "FEMALE", "birthDate": "2999-01-01", "nationalId": "%s",
                         "phone": "12345"}""".formatted(IdNumbers.withWrongCheck("22010319500314123")))
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "birthDate", "nationalId", "phone"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body("""
                        {"name": "王", "gender": "UNKNOWN", "birthDate": "1950-01-01"}""")
                .when().post("/communities/{c}/residents", community.code())
                .then().log().ifValidationFails().statusCode(400).body("violations[0].field", equalTo("gender"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .when().post("/communities/{c}/residents", community.code())
                .then().statusCode(400);
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}", community.code(), "not-a-uuid")
                .then().statusCode(404);
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents?size=0&sort=shoeSize", community.code())
                .then().statusCode(400).body("violations.field", hasItems("size", "sort"));
        assertEquals(before, count(), "no resident row was written by rejected requests");
    }

    private static long count() {
        return QuarkusTransaction.requiringNew().call(() -> Resident.count());
    }
}
