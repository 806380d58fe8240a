package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.resident.events.ResidentEvents;
import org.linli.resident.events.VolunteerEvents;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Red-vest volunteers: applying with consent, review, teams and pairings. */
@QuarkusTest
class VolunteerTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aResidentAppliesAWorkerApprovesAndPointsServiceIsToldWithTheTeams() {
        TestCommunity community = TestCommunity.create();
        String chen = community.register(RegistryTest.elder("陈晓", "1991-08-30", ""));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("residentId", chen))
                .when().post("/communities/{c}/volunteers", community.code())
                .then().statusCode(409).body("detail", containsString("VOLUNTEERING"));

        given().auth().oauth2(community.resident(chen)).contentType(ContentType.JSON).body(Map.of("residentId", chen))
                .when().post("/communities/{c}/volunteers", community.code())
                .then().statusCode(201).body("status", equalTo("PENDING"));
        given().auth().oauth2(community.resident(chen)).contentType(ContentType.JSON).body(Map.of("residentId", chen))
                .when().post("/communities/{c}/volunteers", community.code()).then().statusCode(409);
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents/{id}/consents", community.code(), chen)
                .then().body("purpose", hasItem("VOLUNTEERING")).body("recordedBy", hasItem("self"));

        String sunflower = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("name", "向日葵陪伴队", "category", "COMPANIONSHIP"))
                .when().post("/communities/{c}/volunteer-teams", community.code())
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("residentId", chen))
                .when().post("/communities/{c}/volunteer-teams/{t}/members", community.code(), sunflower)
                .then().statusCode(201);

        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            given().auth().oauth2(community.worker())
                    .when().post("/communities/{c}/volunteers/{id}/approve", community.code(), chen)
                    .then().statusCode(200).body("status", equalTo("APPROVED"));
            CloudEvent enrolled = CloudEvent.parse(topic.await(r -> chen.equals(r.key())
                    && r.value().contains(VolunteerEvents.ENROLLED), 1, Duration.ofSeconds(30)).get(0).value(), mapper);
            assertEquals(VolunteerEvents.ENROLLED, enrolled.type());
            assertEquals(chen, enrolled.data().get("volunteerId").asText());
            assertEquals(sunflower, enrolled.data().get("teams").get(0).get("teamId").asText());
            assertEquals("COMPANIONSHIP", enrolled.data().get("teams").get(0).get("category").asText());
        }
        given().auth().oauth2(community.worker())
                .when().post("/communities/{c}/volunteers/{id}/approve", community.code(), chen)
                .then().statusCode(404);
    }

    @Test
    void aRejectionCarriesItsReasonAndTheResidentMayApplyAgain() {
        TestCommunity community = TestCommunity.create();
        String li = community.register(RegistryTest.elder("李建国", "1953-06-02", ""));
        given().auth().oauth2(community.resident(li)).contentType(ContentType.JSON).body(Map.of("residentId", li))
                .when().post("/communities/{c}/volunteers", community.code()).then().statusCode(201);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post("/communities/{c}/volunteers/{id}/reject", community.code(), li)
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("reason", "please register your household first"))
                .when().post("/communities/{c}/volunteers/{id}/reject", community.code(), li)
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("please register your household first"));
        given().auth().oauth2(community.resident(li)).contentType(ContentType.JSON).body(Map.of("residentId", li))
                .when().post("/communities/{c}/volunteers", community.code()).then().statusCode(201);
    }

    @Test
    void aPairingJoinsAnApprovedVolunteerToSomeoneElseInTheCommunity() {
        TestCommunity community = TestCommunity.create();
        TestCommunity other = TestCommunity.create();
        String li = community.register(RegistryTest.elder("李建国", "1953-06-02", ""));
        String zhao = community.register(RegistryTest.elder("赵秀兰", "1950-03-14", ""));
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", li, "residentId", zhao))
                .when().post("/communities/{c}/pairings", community.code()).then().statusCode(404);
        given().auth().oauth2(community.resident(li)).contentType(ContentType.JSON).body(Map.of("residentId", li))
                .when().post("/communities/{c}/volunteers", community.code()).then().statusCode(201);
        given().auth().oauth2(community.worker()).when().post("/communities/{c}/volunteers/{id}/approve", community.code(), li)
                .then().statusCode(200);

        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", li, "residentId", li))
                .when().post("/communities/{c}/pairings", community.code()).then().statusCode(409);
        given().auth().oauth2(other.worker()).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", li, "residentId", zhao))
                .when().post("/communities/{c}/pairings", community.code()).then().statusCode(404);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", li, "residentId", zhao, "note", "visits every morning and evening"))
                .when().post("/communities/{c}/pairings", community.code()).then().statusCode(201);
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("volunteerId", li, "residentId", zhao))
                .when().post("/communities/{c}/pairings", community.code()).then().statusCode(409);
        given().auth().oauth2(community.worker()).when().get("/communities/{c}/residents/{id}/pairings", community.code(), zhao)
                .then().statusCode(200).body("volunteerId", hasItem(li));
    }
}
