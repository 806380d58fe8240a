package org.linli.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.points.domain.Member;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** points-service learns residents from resident-service's topic: once per event, and a poison record stops nothing. */
@QuarkusTest
class ResidentEventsConsumerTest {

    static final String TOPIC = "linli.resident.events";
    static final String DLQ = "linli.points-service.dlq";
    static final String COMMUNITY = "changshan-garden";

    @Inject
    ObjectMapper mapper;
    @Inject
    EntityManager entityManager;

    @Test
    void aRegisteredResidentBecomesAMemberVisibleToTheirCommunityOnly() {
        UUID resident = UUID.randomUUID();
        send(event(UUID.randomUUID().toString(), "resident.registered.v1", resident, true));

        String worker = DevTokens.as("community-worker").community(COMMUNITY).mint();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(worker)
                .when().get("/communities/{c}/members/{id}", COMMUNITY, resident)
                .then().statusCode(200).body("housebound", equalTo(true)).body("aged60Plus", equalTo(true)));
        String elsewhere = DevTokens.as("community-worker").community("laodong-yifang").mint();
        given().auth().oauth2(elsewhere).when().get("/communities/{c}/members/{id}", COMMUNITY, resident)
                .then().statusCode(404);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID resident = UUID.randomUUID();
        String registered = event(UUID.randomUUID().toString(), "resident.registered.v1", resident, false);
        send(registered);
        send(event(UUID.randomUUID().toString(), "resident.updated.v1", resident, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> member(resident) != null && member(resident).housebound);

        send(registered); // Kafka redelivers the old registration (same event id)
        UUID marker = UUID.randomUUID(); // same key, so it is consumed after the redelivery
        send(event(UUID.randomUUID().toString(), "resident.registered.v1", marker, false), resident.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> member(marker) != null);

        assertTrue(member(resident).housebound, "the redelivered registration did not undo the later update");
        assertEquals(1L, inboxEntries(CloudEvent.parse(registered, mapper).id()));
    }

    @Test
    void aRecordThatIsNotAnEventIsDeadLetteredAndTheChannelGoesOn() {
        try (TopicProbe deadLetters = TopicProbe.tail(DLQ)) {
            String poisonKey = "poison-" + UUID.randomUUID();
            TopicProbe.sendRaw(TOPIC, poisonKey, "this is not an event {");
            deadLetters.await(r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30));
        }
        UUID resident = UUID.randomUUID();
        send(event(UUID.randomUUID().toString(), "resident.registered.v1", resident, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> member(resident) != null);
    }

    private static String event(String id, String type, UUID resident, boolean housebound) {
        return TestEvents.resident(id, type, resident, COMMUNITY, Map.of("housebound", housebound));
    }

    private void send(String event) {
        send(event, CloudEvent.parse(event, mapper).data().get("residentId").asText());
    }

    private static void send(String event, String key) {
        TopicProbe.send(TOPIC, key, event);
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
