package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.points.domain.Member;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An operator and the dead-letter topic: a poisoned resident event lands there and is listed with why; the operator
 * fixes its body and replays it; the member appears once, and a second replay or a redelivery changes nothing.
 */
@QuarkusTest
class DeadLetterReplayTest {

    static final String COMMUNITY = "changshan-garden";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void aPoisonedEventIsFixedAndReplayedByAnOperatorAndActsOnce() {
        UUID resident = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String good = TestEvents.resident(eventId, "resident.registered.v1", resident, COMMUNITY, Map.of("housebound", true));
        String poisoned = good.substring(0, good.length() - 1); // cut short on the way: not JSON any more
        TopicProbe.send("linli.resident.events", resident.toString(), poisoned);

        String operator = DevTokens.as("operator").subject("ops-zhou").mint();
        JsonPath letter = await().atMost(PATIENCE).until(() -> given().auth().oauth2(operator).get("/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath(), list -> list.getList("findAll { it.key == '" + resident + "' }").size() == 1);
        Map<String, Object> found = letter.getMap("find { it.key == '" + resident + "' }");
        assertEquals("linli.resident.events", found.get("originalTopic"));
        assertNull(found.get("eventType"), "its type cannot be read: it is not an event");
        int partition = (Integer) found.get("partition");
        long offset = ((Number) found.get("offset")).longValue();
        given().auth().oauth2(operator).get("/admin/dead-letters/{p}/{o}", partition, offset).then().statusCode(200)
                .body("value", equalTo(poisoned));
        given().auth().oauth2(DevTokens.as("community-worker").community(COMMUNITY).mint()).get("/admin/dead-letters")
                .then().statusCode(403);
        given().auth().oauth2(operator).contentType("application/json").body(Map.of("reason", "fix", "value", "{still broken"))
                .post("/admin/dead-letters/{p}/{o}/replay", partition, offset).then().statusCode(400);
        assertNull(member(resident), "nothing happened while it waited");

        given().auth().oauth2(operator).contentType("application/json")
                .body(Map.of("reason", "body cut short by the old relay (INC-23); restored", "value", good))
                .post("/admin/dead-letters/{p}/{o}/replay", partition, offset).then().statusCode(200)
                .body("decision", equalTo("REPLAYED"));
        await().atMost(PATIENCE).until(() -> member(resident) != null && member(resident).housebound);

        given().auth().oauth2(operator).contentType("application/json").body(Map.of("reason", "again", "value", good))
                .post("/admin/dead-letters/{p}/{o}/replay", partition, offset).then().statusCode(409);
        TopicProbe.send("linli.resident.events", resident.toString(), good); // and Kafka redelivers the fixed one
        UUID marker = UUID.randomUUID(); // same key: consumed after the redelivery
        TopicProbe.send("linli.resident.events", resident.toString(), TestEvents.resident(UUID.randomUUID().toString(),
                "resident.registered.v1", marker, COMMUNITY, Map.of()));
        await().atMost(PATIENCE).until(() -> member(marker) != null);
        assertEquals(1L, inboxEntries(eventId), "the replayed event acted once");
        given().auth().oauth2(operator).get("/admin/dead-letters").then().statusCode(200)
                .body("findAll { it.key == '" + resident + "' }", equalTo(List.of()));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from operator_action where operator = 'ops-zhou' and action = 'dead-letter.replayed'")
                .getSingleResult()).longValue()));
    }

    private Member member(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Member.<Member>findById(id));
    }

    private long inboxEntries(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from inbox_event where event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }
}
