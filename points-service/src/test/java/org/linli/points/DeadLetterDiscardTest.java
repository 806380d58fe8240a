package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * An operator gives a dead letter up: it leaves the list, is never replayed afterwards (not even with a fixed body),
 * its effect never happens, and who discarded it and why are kept; a record that does not exist or was decided already
 * is refused with a problem, not a fault.
 */
@QuarkusTest
class DeadLetterDiscardTest {

    static final String COMMUNITY = "changshan-garden";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String REASON = "test registration sent by mistake (INC-31); never to act";

    @Inject
    EntityManager entityManager;

    @Test
    void aDiscardedDeadLetterIsNeverReplayedAndItsEffectNeverHappens() {
        UUID resident = UUID.randomUUID();
        String good = TestEvents.resident(UUID.randomUUID().toString(), "resident.registered.v1", resident, COMMUNITY,
                Map.of("housebound", true));
        String poisoned = good.substring(0, good.length() - 1); // cut short on the way: not JSON any more
        TopicProbe.send("linli.resident.events", resident.toString(), poisoned);

        String operator = DevTokens.as("operator").subject("ops-lin").mint();
        Map<String, Object> found = deadLetterOf(operator, resident);
        int partition = (Integer) found.get("partition");
        long offset = ((Number) found.get("offset")).longValue();

        asOperator(operator).body(Map.of("reason", " ")).post("/admin/dead-letters/{p}/{o}/discard", partition, offset)
                .then().statusCode(400); // no reason given
        given().auth().oauth2(DevTokens.as("community-worker").community(COMMUNITY).mint()).contentType("application/json")
                .body(Map.of("reason", REASON)).post("/admin/dead-letters/{p}/{o}/discard", partition, offset)
                .then().statusCode(403);
        asOperator(operator).body(Map.of("reason", "  " + REASON + "  "))
                .post("/admin/dead-letters/{p}/{o}/discard", partition, offset).then().statusCode(204);

        given().auth().oauth2(operator).get("/admin/dead-letters").then().statusCode(200)
                .body("findAll { it.key == '" + resident + "' }", equalTo(List.of()));
        given().auth().oauth2(operator).get("/admin/dead-letters?all=true").then().statusCode(200)
                .body("find { it.key == '" + resident + "' }.decision", equalTo("DISCARDED"));
        given().auth().oauth2(operator).get("/admin/dead-letters/{p}/{o}", partition, offset).then().statusCode(200)
                .body("decision", equalTo("DISCARDED"));

        problem(asOperator(operator).body(Map.of("reason", "changed my mind", "value", good))
                .post("/admin/dead-letters/{p}/{o}/replay", partition, offset), 409, "conflict")
                .body("detail", containsString("discarded already"));
        problem(asOperator(operator).body(Map.of("reason", "changed my mind"))
                .post("/admin/dead-letters/{p}/{o}/replay", partition, offset), 409, "conflict");

        UUID marker = UUID.randomUUID(); // same key, so the same partition: consumed after anything sent before it
        TopicProbe.send("linli.resident.events", resident.toString(), TestEvents.resident(UUID.randomUUID().toString(),
                "resident.registered.v1", marker, COMMUNITY, Map.of()));
        await().atMost(PATIENCE).until(() -> member(marker) != null);
        assertNull(member(resident), "the discarded registration never acted");

        List<Object[]> audited = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select operator, reason, target, detail from operator_action where action = 'dead-letter.discarded' "
                        + "and target = ?1", Object[].class)
                .setParameter(1, "linli.points-service.dlq/" + partition + "/" + offset).getResultList());
        assertEquals(1, audited.size(), "one discard, kept once");
        assertEquals("ops-lin", audited.get(0)[0]);
        assertEquals(REASON, audited.get(0)[1]);
        assertEquals("linli.resident.events", audited.get(0)[3], "the topic it came from");
        assertEquals(0L, actions("dead-letter.replayed", (String) audited.get(0)[2]), "the refused replays left no trace");
    }

    @Test
    void discardingARecordThatWasDiscardedAlreadyIsAConflict() {
        UUID resident = UUID.randomUUID();
        TopicProbe.send("linli.resident.events", resident.toString(), "{\"not\": \"an event\"");
        String operator = DevTokens.as("operator").subject("ops-lin").mint();
        Map<String, Object> found = deadLetterOf(operator, resident);
        int partition = (Integer) found.get("partition");
        long offset = ((Number) found.get("offset")).longValue();
        asOperator(operator).body(Map.of("reason", "not an event at all"))
                .post("/admin/dead-letters/{p}/{o}/discard", partition, offset).then().statusCode(204);

        problem(asOperator(DevTokens.as("operator").subject("ops-qian").mint()).body(Map.of("reason", "clean up"))
                .post("/admin/dead-letters/{p}/{o}/discard", partition, offset), 409, "conflict")
                .body("detail", containsString("discarded already"));
        assertEquals(1L, actions("dead-letter.discarded", "linli.points-service.dlq/" + partition + "/" + offset),
                "the refused second discard left no trace");
    }

    @Test
    void discardingADeadLetterThatDoesNotExistIsNotFound() {
        String operator = DevTokens.as("operator").subject("ops-lin").mint();
        problem(asOperator(operator).body(Map.of("reason", "clean up"))
                .post("/admin/dead-letters/{p}/{o}/discard", 0, Long.MAX_VALUE / 2), 404, "not-found");
        problem(asOperator(operator).body(Map.of("reason", "clean up"))
                .post("/admin/dead-letters/{p}/{o}/discard", 9_999, 0), 404, "not-found");
        problem(asOperator(operator).body(Map.of("reason", "clean up"))
                .post("/admin/dead-letters/{p}/{o}/discard", 0, -1), 400, "invalid-request");
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from operator_action where action = 'dead-letter.discarded' and reason = 'clean up'")
                .getSingleResult()).longValue()));
    }

    /** The dead letter keyed by the resident, once the consumer has parked it. */
    private static Map<String, Object> deadLetterOf(String operator, UUID resident) {
        String which = "findAll { it.key == '" + resident + "' }";
        return await().atMost(PATIENCE).until(() -> given().auth().oauth2(operator).get("/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath(), list -> list.getList(which).size() == 1).getMap(which + "[0]");
    }

    private static RequestSpecification asOperator(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("type", equalTo("https://linli.dev/problems/" + type));
    }

    private long actions(String action, String target) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from operator_action where action = ?1 and target = ?2")
                .setParameter(1, action).setParameter(2, target).getSingleResult()).longValue());
    }

    private Member member(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Member.<Member>findById(id));
    }
}
