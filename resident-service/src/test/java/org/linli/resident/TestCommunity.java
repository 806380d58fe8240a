package org.linli.resident;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.linli.infra.DevTokens;

import io.restassured.http.ContentType;

/**
 * A fresh organisation tree built through the public API, so tests never share a community: district →
 * subdistrict → community → grid → building → unit, and a household (door 501).
 */
public record TestCommunity(String district, String code, String gridId, String buildingId, String unitId,
        String householdId) {

    public static TestCommunity create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String district = "kuancheng-" + suffix;
        String officer = DevTokens.as("district-officer").district(district).subject("officer-" + suffix).mint();
        String districtId = unit(officer, Map.of("kind", "DISTRICT", "code", district, "name", "宽城区"));
        String subdistrictId = unit(officer, Map.of("kind", "SUBDISTRICT", "parentId", districtId, "code",
                "tuanshan-" + suffix, "name", "团山街道"));
        String code = "changshan-" + suffix;
        unit(officer, Map.of("kind", "COMMUNITY", "parentId", subdistrictId, "code", code, "name", "长山花园社区"));
        String communityId = given().auth().oauth2(officer).when().get("/org-units/{id}/children", subdistrictId)
                .then().statusCode(200).extract().path("items[0].id");
        String worker = DevTokens.as("community-worker").community(code).subject("worker-" + suffix).mint();
        String grid = unit(worker, Map.of("kind", "GRID", "parentId", communityId, "name", "第一网格"));
        String building = unit(worker, Map.of("kind", "BUILDING", "parentId", grid, "name", "3号楼"));
        String unit = unit(worker, Map.of("kind", "UNIT", "parentId", building, "name", "2单元"));
        String household = given().auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("unitId", unit, "doorNumber", "501"))
                .when().post("/communities/{c}/households", code)
                .then().statusCode(201).extract().path("id");
        return new TestCommunity(district, code, grid, building, unit, household);
    }

    /** Another grid, building, unit and household in the same community. */
    public TestCommunity anotherGrid() {
        String communityId = given().auth().oauth2(worker()).when().get("/org-units/{id}", gridId)
                .then().statusCode(200).extract().path("parentId");
        String grid = unit(worker(), Map.of("kind", "GRID", "parentId", communityId, "name", "第二网格"));
        String building = unit(worker(), Map.of("kind", "BUILDING", "parentId", grid, "name", "7号楼"));
        String unit = unit(worker(), Map.of("kind", "UNIT", "parentId", building, "name", "1单元"));
        String household = given().auth().oauth2(worker()).contentType(ContentType.JSON)
                .body(Map.of("unitId", unit, "doorNumber", "101"))
                .when().post("/communities/{c}/households", code)
                .then().statusCode(201).extract().path("id");
        return new TestCommunity(district, code, grid, building, unit, household);
    }

    public String worker() {
        return DevTokens.as("community-worker").community(code).subject("worker-" + code).mint();
    }

    public String officer() {
        return DevTokens.as("district-officer").district(district).subject("officer-" + district).mint();
    }

    /** The token of a resident who heads a grid (their subject is their resident id). */
    public String gridHead(String residentId) {
        return DevTokens.as("grid-head").community(code).subject(residentId).mint();
    }

    public String resident(String residentId) {
        return DevTokens.as("resident").community(code).subject(residentId).mint();
    }

    /** Registers a resident into this community's household and returns the id. */
    public String register(String body) {
        return given().auth().oauth2(worker()).contentType(ContentType.JSON).body(inHousehold(body))
                .when().post("/communities/{c}/residents", code)
                .then().statusCode(201).extract().path("id");
    }

    public String inHousehold(String body) {
        return body.trim().startsWith("{\"householdId\"") || body.contains("householdId") ? body
                : "{\"householdId\":\"" + householdId + "\"," + body.trim().substring(1);
    }

    private static String unit(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/org-units")
                .then().statusCode(201).extract().path("id");
    }
}
