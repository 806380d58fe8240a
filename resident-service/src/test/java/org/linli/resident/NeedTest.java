package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.resident.events.NeedEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A need heard on a round goes its way in order until the resident is told, and its grid head follows it. */
@QuarkusTest
class NeedTest {

    @Test
    void aNeedIsRoutedDoneAndClosedOnlyInOrderWithEveryStepKept() {
        TestCommunity community = TestCommunity.create();
        String zhao = community.register(RegistryTest.elder("赵秀兰", "1950-03-14", ""));
        String path = "/communities/{c}/needs";
        String need;
        try (TopicProbe topic = TopicProbe.tail(NeedEvents.TOPIC)) {
            need = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                    .body(Map.of("category", "ACCESSIBILITY", "place", "3号楼2单元", "raisedBy", zhao,
                            "description", "needs a charging point for her electric wheelchair"))
                    .when().post(path, community.code())
                    .then().statusCode(201).body("status", equalTo("OPEN")).body("gridId", equalTo(community.gridId()))
                    .extract().path("id");
            String needId = need;
            topic.await(r -> needId.equals(r.key()) && r.value().contains(NeedEvents.RECORDED)
                    && !r.value().contains("wheelchair"), 1, Duration.ofSeconds(30));
        }
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of())
                .when().post(path + "/{id}/done", community.code(), need).then().statusCode(409);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("note", "asked property"))
                .when().post(path + "/{id}/route", community.code(), need).then().statusCode(400);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("responsible", "PROPERTY_MANAGEMENT", "note", "property will install it"))
                .when().post(path + "/{id}/route", community.code(), need).then().statusCode(200)
                .body("responsible", equalTo("PROPERTY_MANAGEMENT"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("note", "installed"))
                .when().post(path + "/{id}/done", community.code(), need).then().statusCode(200);
        given().auth().oauth2(community.worker()).when().get(path, community.code())
                .then().body("id", hasItem(need));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("note", "told her at the door"))
                .when().post(path + "/{id}/resident-told", community.code(), need).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().auth().oauth2(community.worker()).when().get(path + "/{id}", community.code(), need)
                .then().body("steps.status", contains("OPEN", "ROUTED", "DONE", "CLOSED"));
        given().auth().oauth2(community.worker()).when().get(path, community.code())
                .then().body("id", not(hasItem(need)));
    }

    @Test
    void aGridHeadFollowsTheNeedsOfTheirGridOnly() {
        TestCommunity community = TestCommunity.create();
        TestCommunity second = community.anotherGrid();
        String head = community.register(RegistryTest.elder("吴亚琴", "1962-05-05", ""));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("residentId", head, "kind", "GRID_HEAD", "orgUnitId", community.gridId()))
                .when().post("/communities/{c}/heads", community.code()).then().statusCode(201);
        String gridHead = community.gridHead(head);
        String mine = given().auth().oauth2(gridHead).contentType(ContentType.JSON)
                .body(Map.of("gridId", community.gridId(), "category", "DRAINAGE", "place", "behind building 3",
                        "description", "drain blocked after the rain"))
                .when().post("/communities/{c}/needs", community.code()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(gridHead).contentType(ContentType.JSON)
                .body(Map.of("gridId", second.gridId(), "category", "DRAINAGE", "place", "building 7",
                        "description", "not my grid"))
                .when().post("/communities/{c}/needs", community.code()).then().statusCode(404);
        String theirs = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("gridId", second.gridId(), "category", "REPAIR", "place", "building 7",
                        "description", "drying rack missing"))
                .when().post("/communities/{c}/needs", community.code()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(gridHead).when().get("/communities/{c}/needs", community.code())
                .then().body("id", hasItem(mine)).body("id", not(hasItem(theirs)));
        given().auth().oauth2(gridHead).when().get("/communities/{c}/needs/{id}", community.code(), theirs)
                .then().statusCode(404);
    }
}
