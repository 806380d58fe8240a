package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.resident.domain.CallName;
import org.linli.resident.domain.Gender;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A volunteer carrying lunches needs the door, not an id: the canteen announces its runs with ids only
 * (delivery-run.planned.v1), and the registry shows each deliverer the doors of their own run on its day.
 */
@QuarkusTest
class DeliveryDoorsTest {

    static final String CANTEEN_TOPIC = "linli.canteen.events";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    /**
     * Ms Wang in 3号楼 2单元 501 and Mr Li in 7号楼 1单元 101 of one community; Xiao Chen volunteers to carry lunch.
     */
    record Street(TestCommunity community, String msWang, String mrLi, String xiaoChen) {

        static Street create() {
            TestCommunity community = TestCommunity.create();
            String msWang = community.register(RegistryTest.elder("王秀兰", "1946-02-11", ",\"housebound\":true"));
            TestCommunity otherDoor = community.anotherGrid();
            String mrLi = otherDoor.register("{\"name\":\"李建国\",\"gender\":\"MALE\",\"birthDate\":\"1944-09-30\","
                    + "\"housebound\":true}");
            String xiaoChen = community.register(RegistryTest.elder("陈晓", "1995-05-20", ""));
            return new Street(community, msWang, mrLi, xiaoChen);
        }

        String code() {
            return community.code();
        }

        String volunteer(String residentId) {
            return DevTokens.as("volunteer").community(code()).subject(residentId).mint();
        }

        String canteenStaff() {
            return DevTokens.as("canteen-staff").community(code()).subject("canteen-" + code()).mint();
        }

        JsonPath doors(String token, LocalDate date) {
            return given().auth().oauth2(token)
                    .when().get("/communities/{c}/delivery-doors?date={d}", code(), date.toString())
                    .then().statusCode(200).extract().jsonPath();
        }
    }

    static String planned(String eventId, String runId, String community, LocalDate date, String kind, String deliverer,
            OffsetDateTime time, String... residents) {
        List<Map<String, Object>> stops = new java.util.ArrayList<>();
        for (int i = 0; i < residents.length; i++) {
            stops.add(Map.of("stopId", UUID.randomUUID().toString(), "sequence", i + 1, "residentId", residents[i]));
        }
        String event = TestEvents.cloudEvent(eventId, "/linli/canteen-service", "delivery-run.planned.v1",
                "delivery-runs/" + runId, community, Map.of("runId", runId, "communityId", community, "date",
                        date.toString(), "delivererKind", kind, "delivererId", deliverer, "stops", stops));
        try {
            ObjectNode envelope = (ObjectNode) JSON.readTree(event);
            envelope.put("time", time.withOffsetSameInstant(ZoneOffset.UTC).toString());
            return JSON.writeValueAsString(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Test
    void aVolunteerSeesTheDoorsOfTheirOwnRunOnlyOnItsDay() {
        Street street = Street.create();
        String code = street.code();
        LocalDate day = LocalDate.now().plusDays(1);
        String chensRun = UUID.randomUUID().toString();
        String staffRun = UUID.randomUUID().toString();
        TopicProbe.send(CANTEEN_TOPIC, chensRun, planned(UUID.randomUUID().toString(), chensRun, code, day, "VOLUNTEER",
                street.xiaoChen(), now(), street.msWang()));
        TopicProbe.send(CANTEEN_TOPIC, staffRun, planned(UUID.randomUUID().toString(), staffRun, code, day, "STAFF",
                "staff-zhang", now(), street.mrLi()));
        String worker = street.community().worker();
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(2, street.doors(worker, day).getList("$").size()));

        String chen = street.volunteer(street.xiaoChen());
        given().auth().oauth2(chen).when().get("/communities/{c}/delivery-doors?date={d}", code, day.toString())
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].keySet()", equalTo(Set.of("residentId", "runId", "buildingName", "unitName", "door", "callName")))
                .body("[0].residentId", equalTo(street.msWang()))
                .body("[0].runId", equalTo(chensRun))
                .body("[0].buildingName", equalTo("3号楼"))
                .body("[0].unitName", equalTo("2单元"))
                .body("[0].door", equalTo("501"))
                .body("[0].callName", equalTo("王阿姨"));
        assertEquals(List.of(), street.doors(chen, day.plusDays(1)).getList("$"), "another day: no doors");
        assertEquals(List.of(), street.doors(chen, day.minusDays(1)).getList("$"), "another day: no doors");
        String stranger = street.volunteer(UUID.randomUUID().toString());
        assertEquals(List.of(), street.doors(stranger, day).getList("$"), "no run of theirs: no doors");

        // the canteen's staff and the community's workers see every door of the day
        JsonPath all = street.doors(street.canteenStaff(), day);
        assertEquals(List.of(street.msWang(), street.mrLi()), all.getList("residentId"));
        assertEquals(List.of("王阿姨", "李叔叔"), all.getList("callName"));
        assertEquals(List.of("7号楼", "1单元", "101"),
                List.of(all.getString("[1].buildingName"), all.getString("[1].unitName"), all.getString("[1].door")));
        given().auth().oauth2(worker).when().get("/communities/{c}/delivery-doors?date={d}", code, day.toString())
                .then().statusCode(200).body("runId", contains(chensRun, staffRun));

        // the volunteer's and the canteen's reads are audited, naming fields, never values
        given().auth().oauth2(worker).when().get("/communities/{c}/audit?subjectId={id}", code, street.msWang())
                .then().statusCode(200)
                .body("findAll { it.action == 'READ_SENSITIVE' }.actor",
                        containsInAnyOrder(street.xiaoChen(), "canteen-" + code))
                .body("findAll { it.action == 'READ_SENSITIVE' }.fields",
                        everyItem(equalTo("buildingName,unitName,door,callName")));

        // other communities, other roles, no date
        TestCommunity elsewhere = TestCommunity.create();
        String outsider = DevTokens.as("canteen-staff").community(elsewhere.code()).subject("canteen-x").mint();
        given().auth().oauth2(outsider).when().get("/communities/{c}/delivery-doors?date={d}", code, day.toString())
                .then().statusCode(404);
        String volunteerElsewhere = DevTokens.as("volunteer").community(elsewhere.code()).subject(street.xiaoChen()).mint();
        given().auth().oauth2(volunteerElsewhere).when()
                .get("/communities/{c}/delivery-doors?date={d}", code, day.toString()).then().statusCode(404);
        given().auth().oauth2(street.community().resident(street.msWang())).when()
                .get("/communities/{c}/delivery-doors?date={d}", code, day.toString()).then().statusCode(403);
        given().auth().oauth2(chen).when().get("/communities/{c}/delivery-doors", code).then().statusCode(400);
    }

    @Test
    void aRedeliveredRunEventIsAppliedOnce() {
        Street street = Street.create();
        String code = street.code();
        LocalDate day = LocalDate.now();
        String runId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        OffsetDateTime plannedAt = now().minusMinutes(5);
        String firstPlan = planned(first, runId, code, day, "VOLUNTEER", street.xiaoChen(), plannedAt, street.msWang(),
                street.mrLi());
        TopicProbe.send(CANTEEN_TOPIC, runId, firstPlan);
        TopicProbe.send(CANTEEN_TOPIC, runId, firstPlan); // redelivered
        String chen = street.volunteer(street.xiaoChen());
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of(street.msWang(), street.mrLi()),
                street.doors(chen, day).getList("residentId")));
        awaitHandled(runId);
        assertEquals(1L, inboxEntries(first));
        assertEquals(List.of(street.msWang(), street.mrLi()), street.doors(chen, day).getList("residentId"));

        // replanned without Mr Li; then the first plan arrives once more: it was applied, it is not applied again
        TopicProbe.send(CANTEEN_TOPIC, runId, planned(UUID.randomUUID().toString(), runId, code, day, "VOLUNTEER",
                street.xiaoChen(), plannedAt.plusMinutes(1), street.msWang()));
        TopicProbe.send(CANTEEN_TOPIC, runId, firstPlan);
        awaitHandled(runId);
        assertEquals(1L, inboxEntries(first));
        assertEquals(List.of(street.msWang()), street.doors(chen, day).getList("residentId"));
    }

    @Test
    void aReplannedRunReplacesItsStops() {
        Street street = Street.create();
        String code = street.code();
        LocalDate day = LocalDate.now();
        String runId = UUID.randomUUID().toString();
        OffsetDateTime plannedAt = now().minusMinutes(10);
        String chen = street.volunteer(street.xiaoChen());
        TopicProbe.send(CANTEEN_TOPIC, runId, planned(UUID.randomUUID().toString(), runId, code, day, "VOLUNTEER",
                street.xiaoChen(), plannedAt, street.msWang()));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of(street.msWang()),
                street.doors(chen, day).getList("residentId")));

        // the canteen moves Mr Li onto the run, first in the round
        TopicProbe.send(CANTEEN_TOPIC, runId, planned(UUID.randomUUID().toString(), runId, code, day, "VOLUNTEER",
                street.xiaoChen(), plannedAt.plusMinutes(1), street.mrLi(), street.msWang()));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of(street.mrLi(), street.msWang()),
                street.doors(chen, day).getList("residentId")));

        // then hands the run to another volunteer: Xiao Chen sees no door of it any more
        String xiaoZhou = UUID.randomUUID().toString();
        TopicProbe.send(CANTEEN_TOPIC, runId, planned(UUID.randomUUID().toString(), runId, code, day, "VOLUNTEER",
                xiaoZhou, plannedAt.plusMinutes(2), street.msWang()));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of(street.msWang()),
                street.doors(street.volunteer(xiaoZhou), day).getList("residentId")));
        assertEquals(List.of(), street.doors(chen, day).getList("$"));

        // an older plan published late (another event id) does not bring the old round back
        TopicProbe.send(CANTEEN_TOPIC, runId, planned(UUID.randomUUID().toString(), runId, code, day, "VOLUNTEER",
                street.xiaoChen(), plannedAt.plusMinutes(1), street.mrLi(), street.msWang()));
        awaitHandled(runId);
        assertEquals(List.of(), street.doors(chen, day).getList("$"));
        assertEquals(List.of(street.msWang()), street.doors(street.volunteer(xiaoZhou), day).getList("residentId"));
        assertEquals(List.of(street.msWang()), street.doors(street.canteenStaff(), day).getList("residentId"));
    }

    @Test
    void anElderIsCalledByFamilyNameAndAuntOrUncle() {
        assertEquals("王阿姨", CallName.of("王秀兰", Gender.FEMALE));
        assertEquals("李叔叔", CallName.of("李建国", Gender.MALE));
        assertEquals("欧阳阿姨", CallName.of("欧阳秀英", Gender.FEMALE));
        assertEquals("欧叔叔", CallName.of("欧明", Gender.MALE));
        assertEquals("阿依古丽·买买提", CallName.of("阿依古丽·买买提", Gender.FEMALE));
        assertEquals("Anna Weber", CallName.of(" Anna Weber ", Gender.FEMALE));
        assertEquals("丽", CallName.of("丽", Gender.FEMALE));
    }

    /**
     * Waits until the consumer has handled what was sent for this run so far: a marker on the same key (so after it in
     * the partition) that the consumer records in its inbox and otherwise passes over (nobody it knows).
     */
    private void awaitHandled(String runKey) {
        String marker = UUID.randomUUID().toString();
        String order = UUID.randomUUID().toString();
        TopicProbe.send(CANTEEN_TOPIC, runKey, TestEvents.cloudEvent(marker, "/linli/canteen-service", "meal.delivered.v1",
                "orders/" + order, "nowhere", Map.of("orderId", order, "dinerId", UUID.randomUUID().toString(),
                        "communityId", "nowhere", "welfareCheck", "OK", "deliveredAt", now().toString())));
        await().atMost(PATIENCE).until(() -> inboxEntries(marker) == 1L);
    }

    private long inboxEntries(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from inbox_event where consumer = 'resident.deliveries' and event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }
}
