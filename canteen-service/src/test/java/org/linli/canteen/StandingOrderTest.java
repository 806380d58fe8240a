package org.linli.canteen;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;

/** Standing orders become the day's orders once, pause for a hospital stay, and end when the elder moves out. */
@QuarkusTest
class StandingOrderTest {

    static final LocalDate DAY = TestCanteen.tomorrow();

    @Test
    void aStandingOrderBecomesTheDaysOrderOnceHoweverOftenItIsMaterialised() {
        TestCanteen canteen = TestCanteen.create();
        UUID msZhao = canteen.housebound(Map.of("dietaryNeeds", List.of("LOW_SALT")));
        UUID mrLi = canteen.housebound(Map.of());
        canteen.topUp(msZhao, 2_000);
        String standing = canteen.as(canteen.worker()).body(Map.of("dinerId", msZhao, "startsOn", DAY.toString()))
                .when().post("/communities/{c}/standing-orders", canteen.code()).then().statusCode(201)
                .body("service", equalTo("DELIVERY")).extract().path("id");
        canteen.as(canteen.worker()).body(Map.of("dinerId", msZhao)).when()
                .post("/communities/{c}/standing-orders", canteen.code()).then().statusCode(409);
        // Mr Li only on the weekday after tomorrow's: tomorrow is not his day
        canteen.as(canteen.elder(mrLi)).body(Map.of("dinerId", mrLi, "weekdays", List.of(DAY.plusDays(1).getDayOfWeek()),
                "startsOn", DAY.toString())).when().post("/communities/{c}/standing-orders", canteen.code())
                .then().statusCode(201);

        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(), DAY.toString())
                .then().statusCode(200).body("orderIds", hasSize(1));
        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(), DAY.toString())
                .then().statusCode(200).body("orderIds", hasSize(0)).body("alreadyOrdered", equalTo(1));
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders?date={d}", canteen.code(), DAY.toString())
                .then().body("dinerId", contains(msZhao.toString())).body("standingOrderId", contains(standing))
                .body("service", contains("DELIVERY")).body("payment", contains("ACCOUNT"))
                .body("dietaryNeeds[0]", contains("LOW_SALT"));

        // a cancelled occurrence is not ordered again
        String order = canteen.as(canteen.staff()).when().get("/communities/{c}/orders?date={d}", canteen.code(),
                DAY.toString()).then().extract().path("[0].id");
        canteen.as(canteen.elder(msZhao)).when().post("/communities/{c}/orders/{o}/cancel", canteen.code(), order)
                .then().statusCode(200);
        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(), DAY.toString())
                .then().body("orderIds", hasSize(0));

        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(),
                DAY.plusDays(1).toString()).then().body("orderIds", hasSize(2));
        // a past day is not cooked any more: nothing is placed (or charged) for it
        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(),
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString())
                .then().statusCode(400);
    }

    @Test
    void aHospitalStayPausesTheStandingOrderUntilItIsResumed() {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.housebound(Map.of());
        String standing = canteen.as(canteen.staff()).body(Map.of("dinerId", elder, "startsOn", DAY.toString()))
                .when().post("/communities/{c}/standing-orders", canteen.code()).then().statusCode(201).extract().path("id");
        canteen.as(canteen.staff()).body(Map.of("from", DAY.toString(), "until", DAY.plusDays(5).toString()))
                .when().post("/communities/{c}/standing-orders/{s}/pause", canteen.code(), standing)
                .then().statusCode(200).body("pausedUntil", equalTo(DAY.plusDays(5).toString()));
        canteen.as(canteen.staff()).body(Map.of("from", DAY.toString(), "until", DAY.minusDays(1).toString()))
                .when().post("/communities/{c}/standing-orders/{s}/pause", canteen.code(), standing).then().statusCode(400);
        materialise(canteen, DAY, 0);
        materialise(canteen, DAY.plusDays(2), 0);

        canteen.as(canteen.staff()).body(Map.of("on", DAY.plusDays(2).toString()))
                .when().post("/communities/{c}/standing-orders/{s}/resume", canteen.code(), standing)
                .then().statusCode(200).body("pausedUntil", equalTo(DAY.plusDays(1).toString()));
        materialise(canteen, DAY.plusDays(1), 0);
        materialise(canteen, DAY.plusDays(2), 1);
        materialise(canteen, DAY.plusDays(3), 1);

        canteen.as(canteen.worker()).when().post("/communities/{c}/diners/{d}/pause", canteen.code(), elder)
                .then().statusCode(200);
        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(),
                DAY.plusDays(4).toString()).then().body("orderIds", hasSize(0)).body("skipped", equalTo(1));
    }

    @Test
    void movingOutCancelsTheStandingOrderAndTheMealsAlreadyOrdered() {
        TestCanteen canteen = TestCanteen.create();
        UUID elder = canteen.housebound(Map.of());
        canteen.topUp(elder, 700);
        String standing = canteen.as(canteen.staff()).body(Map.of("dinerId", elder, "startsOn", DAY.toString()))
                .when().post("/communities/{c}/standing-orders", canteen.code()).then().statusCode(201).extract().path("id");
        materialise(canteen, DAY, 1);

        TopicProbe.send(TestCanteen.RESIDENT_TOPIC, elder.toString(),
                TestEvents.resident("resident.moved-out.v1", elder, canteen.code(), Map.of("districtId", canteen.district())));
        await().atMost(TestCanteen.PATIENCE).untilAsserted(() -> canteen.as(canteen.staff())
                .when().get("/communities/{c}/standing-orders/{s}", canteen.code(), standing)
                .then().body("status", equalTo("CANCELLED")));
        canteen.as(canteen.staff()).when().get("/communities/{c}/orders?dinerId={d}", canteen.code(), elder)
                .then().body("status", contains("CANCELLED"));
        canteen.as(canteen.staff()).when().get("/communities/{c}/diners/{d}/account", canteen.code(), elder)
                .then().body("balanceFen", equalTo(700));
        materialise(canteen, DAY.plusDays(1), 0);
    }

    static void materialise(TestCanteen canteen, LocalDate day, int expected) {
        canteen.as(canteen.staff()).when().post("/communities/{c}/days/{d}/materialise", canteen.code(), day.toString())
                .then().statusCode(200).body("orderIds", hasSize(expected));
    }
}
