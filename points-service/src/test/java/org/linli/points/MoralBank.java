package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.points.domain.Volunteer;
import org.linli.points.ledger.LedgerAccount;
import org.linli.points.domain.Member;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

/**
 * A fresh community for one test, learnt the way points-service learns any community: resident and volunteer
 * events on Kafka. Each test gets its own community, so its ledger chain, caps and figures are its own.
 */
final class MoralBank {

    static final String RESIDENT_TOPIC = "linli.resident.events";
    static final String POINTS_TOPIC = "linli.points.events";
    static final String CANTEEN_TOPIC = "linli.canteen.events";

    final String community = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final String district = "test-district";
    final UUID grid = UUID.randomUUID();
    final String worker = DevTokens.as("community-worker").community(community).district(district).subject("worker-han").mint();

    /** Residents registered and volunteers enrolled, waiting until points-service knows them all. */
    List<UUID> volunteers(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            register(id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("volunteerId", id.toString());
            data.put("communityId", community);
            data.put("districtId", district);
            data.put("teams", List.of(Map.of("teamId", TEAM.toString(), "category", "ELDER_CARE")));
            data.put("enrolledAt", OffsetDateTime.now().minusDays(60).toString());
            TopicProbe.send(RESIDENT_TOPIC, id.toString(), TestEvents.cloudEvent(UUID.randomUUID().toString(),
                    "/linli/resident-service", "volunteer.enrolled.v1", "volunteers/" + id, community, data));
            ids.add(id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ids.stream().allMatch(id -> Volunteer.findById(id) != null
                        && LedgerAccount.count("ownerId", id) == 3)));
        return ids;
    }

    static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-00000000e1de");

    UUID volunteer() {
        return volunteers(1).get(0);
    }

    /** A resident of this community's grid (an elder someone helps). */
    UUID resident() {
        UUID id = UUID.randomUUID();
        register(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> Member.findById(id) != null));
        return id;
    }

    void register(UUID id) {
        TopicProbe.send(RESIDENT_TOPIC, id.toString(), TestEvents.resident("resident.registered.v1", id, community,
                Map.of("districtId", district, "gridId", grid.toString())));
    }

    String volunteerToken(UUID volunteer) {
        return DevTokens.as("volunteer").community(community).subject(volunteer.toString()).mint();
    }

    String residentToken(UUID resident) {
        return DevTokens.as("resident").community(community).subject(resident.toString()).mint();
    }

    String gridHeadToken(UUID... grids) {
        List<String> ids = new ArrayList<>();
        for (UUID g : grids) {
            ids.add(g.toString());
        }
        return DevTokens.as("grid-head").community(community).subject(UUID.randomUUID().toString())
                .claim("grids", String.join(",", ids)).mint();
    }

    /** A volunteer logs a service for a beneficiary (or none); returns its id. */
    UUID log(UUID volunteer, String type, UUID beneficiary, int minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        if (beneficiary != null) {
            body.put("beneficiaryId", beneficiary.toString());
        }
        body.put("performedAt", OffsetDateTime.now().minusHours(1).toString());
        body.put("minutes", minutes);
        return UUID.fromString(given().auth().oauth2(volunteerToken(volunteer)).contentType(ContentType.JSON).body(body)
                .when().post("/communities/{c}/services", community)
                .then().statusCode(201).extract().path("id"));
    }

    /** Logs an elder-care visit (10 points) and has a community worker confirm it. */
    UUID earn(UUID volunteer, UUID beneficiary) {
        UUID service = log(volunteer, "ELDER_CARE_VISIT", beneficiary, 45);
        given().auth().oauth2(worker).when().post("/communities/{c}/services/{id}/confirm", community, service)
                .then().statusCode(200);
        return service;
    }

    long points(UUID volunteer) {
        return ((Number) given().auth().oauth2(worker).when().get("/communities/{c}/volunteers/{v}/wallet", community, volunteer)
                .then().statusCode(200).extract().path("points")).longValue();
    }

    void verifies() {
        given().auth().oauth2(worker).when().get("/communities/{c}/ledger/verify", community)
                .then().log().ifValidationFails().statusCode(200).body("holds", org.hamcrest.Matchers.equalTo(true));
    }
}
