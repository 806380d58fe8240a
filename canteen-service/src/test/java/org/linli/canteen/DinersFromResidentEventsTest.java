package org.linli.canteen;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The canteen learns its diners from resident events: elders dine, housebound elders get delivery. */
@QuarkusTest
class DinersFromResidentEventsTest {

    static final String TOPIC = "linli.resident.events";
    static final String COMMUNITY = "changshan-garden";

    @Test
    void aHouseboundElderBecomesADinerWhoMayHaveLunchDelivered() {
        UUID msZhao = UUID.randomUUID();
        send(msZhao, TestEvents.resident("resident.registered.v1", msZhao, COMMUNITY,
                Map.of("housebound", true, "livesAlone", true, "dietaryNeeds", List.of("LOW_SALT", "SOFT_TEXTURE"))));

        String staff = DevTokens.as("canteen-staff").community(COMMUNITY).mint();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(staff)
                .when().get("/communities/{c}/diners/{id}", COMMUNITY, msZhao)
                .then().statusCode(200)
                .body("mayHaveDelivery", equalTo(true))
                .body("ageBand", equalTo("AGED_75_84"))
                .body("dietaryNeeds", hasItems("LOW_SALT", "SOFT_TEXTURE")));
        String otherCanteen = DevTokens.as("canteen-staff").community("laodong-yifang").mint();
        given().auth().oauth2(otherCanteen).when().get("/communities/{c}/diners/{id}", COMMUNITY, msZhao)
                .then().statusCode(404);
    }

    @Test
    void aYoungerResidentIsNotADinerAndAMovedOutElderNoLongerDines() {
        UUID young = UUID.randomUUID();
        UUID elder = UUID.randomUUID();
        send(young, TestEvents.resident("resident.registered.v1", young, COMMUNITY,
                Map.of("ageBand", "UNDER_60", "aged60Plus", false)));
        send(elder, TestEvents.resident("resident.registered.v1", elder, COMMUNITY, Map.of("housebound", true)));
        send(elder, TestEvents.resident("resident.moved-out.v1", elder, COMMUNITY, Map.of()));

        await().atMost(Duration.ofSeconds(30)).until(() -> diner(elder) != null && diner(elder).status == DinerStatus.MOVED_OUT);
        assertNull(diner(young));
    }

    @Test
    void aRedeliveredRegistrationDoesNotUndoALaterUpdate() {
        UUID elder = UUID.randomUUID();
        String registered = TestEvents.resident(UUID.randomUUID().toString(), "resident.registered.v1", elder, COMMUNITY,
                Map.of("housebound", false));
        send(elder, registered);
        send(elder, TestEvents.resident("resident.updated.v1", elder, COMMUNITY, Map.of("housebound", true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> diner(elder) != null && diner(elder).housebound);

        send(elder, registered);
        UUID marker = UUID.randomUUID();
        send(elder, TestEvents.resident("resident.registered.v1", marker, COMMUNITY, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> diner(marker) != null);

        assertEquals(true, diner(elder).housebound);
    }

    private static void send(UUID key, String event) {
        TopicProbe.send(TOPIC, key.toString(), event);
    }

    private static Diner diner(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Diner.<Diner>findById(id));
    }
}
