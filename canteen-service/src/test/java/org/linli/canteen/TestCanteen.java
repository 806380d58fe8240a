package org.linli.canteen;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A fresh community with its own canteen for one test: diners arrive as resident events, as in production. */
public final class TestCanteen {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String RESIDENT_TOPIC = "linli.resident.events";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String community;
    private final String district;

    private TestCanteen(String community, String district) {
        this.community = community;
        this.district = district;
    }

    public static TestCanteen create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new TestCanteen("canteen-test-" + suffix, "district-" + suffix);
    }

    public String code() {
        return community;
    }

    public String district() {
        return district;
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static LocalDate tomorrow() {
        return today().plusDays(1);
    }

    public String staff() {
        return DevTokens.as("canteen-staff").community(community).subject("staff-" + community).mint();
    }

    public String worker() {
        return DevTokens.as("community-worker").community(community).subject("worker-" + community).mint();
    }

    public String officer() {
        return DevTokens.as("district-officer").district(district).subject("officer-" + district).mint();
    }

    public String elder(UUID residentId) {
        return DevTokens.as("resident").community(community).subject(residentId.toString()).mint();
    }

    public String volunteer(UUID residentId) {
        return DevTokens.as("volunteer").community(community).subject(residentId.toString()).mint();
    }

    public static String partner(String partnerId) {
        return DevTokens.as("partner").subject(partnerId).mint();
    }

    public RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Registers an elder (aged 75-84, not housebound unless told) through a resident event; does not wait. */
    public UUID register(Map<String, Object> attributes) {
        UUID id = UUID.randomUUID();
        Map<String, Object> facts = new HashMap<>();
        facts.put("districtId", district);
        facts.put("buildingId", UUID.randomUUID().toString());
        facts.put("unitId", UUID.randomUUID().toString());
        facts.putAll(attributes);
        TopicProbe.send(RESIDENT_TOPIC, id.toString(), TestEvents.resident("resident.registered.v1", id, community, facts));
        return id;
    }

    /** Registers an elder and waits until the canteen knows them. */
    public UUID diner(Map<String, Object> attributes) {
        UUID id = register(attributes);
        awaitDiners(List.of(id));
        return id;
    }

    public UUID diner() {
        return diner(Map.of());
    }

    public UUID housebound(Map<String, Object> attributes) {
        Map<String, Object> facts = new HashMap<>(attributes);
        facts.put("housebound", true);
        return diner(facts);
    }

    public void awaitDiners(List<UUID> ids) {
        String staff = staff();
        for (UUID id : ids) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> given().auth().oauth2(staff)
                    .when().get("/communities/{c}/diners/{id}", community, id).statusCode() == 200);
        }
    }

    public void cutOff(String time) {
        as(staff()).body(Map.of("cutOff", time)).when().put("/communities/{c}/canteen", community)
                .then().statusCode(200);
    }

    /** Today stays open until 23:59:59 (waits out the last seconds of a day rather than race midnight). */
    public void keepTodayOpen() {
        cutOff("23:59:59");
        while (LocalTime.now(ZONE).isAfter(LocalTime.of(23, 59, 50))) {
            sleep(1000);
        }
    }

    public void priceRules(Map<String, Object> rules) {
        as(staff()).body(rules).when().put("/communities/{c}/canteen/price-rules", community).then().statusCode(200);
    }

    public void topUp(UUID diner, long fen) {
        as(staff()).body(Map.of("amountFen", fen)).when().post("/communities/{c}/diners/{id}/account/top-ups", community,
                diner).then().statusCode(201);
    }

    /** Places an order as staff and returns its id (expects 201). */
    public String order(UUID diner, LocalDate date, String service) {
        return order(diner, date, service, "CASH");
    }

    public String order(UUID diner, LocalDate date, String service, String payment) {
        return as(staff()).body(Map.of("dinerId", diner, "date", date.toString(), "service", service, "payment", payment))
                .when().post("/communities/{c}/orders", community).then().statusCode(201).extract().path("id");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
