package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The walking skeleton and the cross-service flows of architecture.md, end to end: the three packaged services as separate JVMs, one Kafka,
 * one PostgreSQL, driven only through their public HTTP APIs. Changshan Garden's story people are registered in
 * resident-service; points-service and canteen-service learn them from Kafka.
 *
 * <ol>
 * <li>a registered housebound elder orders lunch and is on the day's delivery run;</li>
 * <li>the volunteer who delivers it earns delivery points, once;</li>
 * <li>nobody answers the door: a care alert reaches the elder's emergency contact and grid head;</li>
 * <li>a confirmed visit earns points once; the points buy a gift and the minutes a class seat;</li>
 * <li>a dashboard reading only the topics rebuilds the figures the services report.</li>
 * </ol>
 */
class EndToEndIT {

    static final String COMMUNITY = "changshan-garden";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId COMMUNITY_TIME = ZoneId.of("Asia/Shanghai");

    static final Map<LocalDate, java.util.concurrent.atomic.AtomicInteger> ids = CommunityGenerator.newIdSequence();
    static LinliStack stack;
    static CommunityGenerator.Story story;
    static String worker;
    static String staff;

    @BeforeAll
    static void startTheSystemWithTheStory() throws Exception {
        Path home = LinliStack.home();
        // an alert nobody acknowledges escalates after 20 s here (15 minutes in a community)
        stack = LinliStack.start(home, 0, home.resolve("linli-stack/target/e2e-logs"), Map.of("resident-service",
                Map.of("LINLI_CARE_ESCALATE_AFTER", "20s", "LINLI_CARE_ESCALATION_CHECK", "1s")));
        for (String name : LinliStack.SERVICES) {
            ServiceProcess s = stack.service(name);
            System.out.printf("%s ready after %d ms, RSS %d MiB%n", name, s.readyAfterMillis(), s.residentSetMiB());
        }
        URI residents = stack.service("resident-service").baseUri();
        CommunityGenerator generator = new CommunityGenerator(residents, 0, ids);
        story = generator.story(generator.tree(CommunityGenerator.subdistrict(residents)));
        worker = CommunityGenerator.worker(COMMUNITY);
        staff = DevTokens.as("canteen-staff").community(COMMUNITY).subject("canteen-staff-liu").mint();
        // the canteen and the moral bank know Ms Zhao and Mr Li once their events have arrived
        await("canteen-service", "/communities/" + COMMUNITY + "/diners/" + story.msZhao(), staff,
                d -> d.path("mayHaveDelivery").asBoolean());
        await("points-service", "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet", worker, w -> true);
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aResidentRegisteredInResidentServiceAppearsInPointsAndCanteen() throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                stack.service("resident-service").baseUri().resolve("/communities/" + COMMUNITY + "/residents"))
                .header("Authorization", "Bearer " + worker).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"周桂英","gender":"FEMALE","birthDate":"1948-02-11","livesAlone":true,"housebound":true,
                         "householdId":"%s"}""".formatted(story.msZhaoHousehold())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        await("points-service", "/communities/" + COMMUNITY + "/members/" + id, worker, m -> m.path("housebound").asBoolean());

        await("canteen-service", "/communities/" + COMMUNITY + "/diners/" + id, staff, d -> d.path("mayHaveDelivery").asBoolean());
    }

    @Test
    void everyServiceReportsHealthOpenApiAndMetrics() throws Exception {
        for (String name : LinliStack.SERVICES) {
            for (String path : new String[] { "/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi",
                    "/q/metrics" }) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.service(name).baseUri().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), name + path + ": " + response.body());
            }
        }
    }

    @Test
    void lunchIsDeliveredByAVolunteerWhoEarnsPointsOnceAndAMissedDoorOrAWorryRaisesACareAlertThatEscalates() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String walletPath = "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet";
        long before = get("points-service", walletPath, worker).path("points").asLong();

        // 1. Ms Zhao's lunch for tomorrow, delivered: she is on tomorrow's run, and Mr Li delivers
        LocalDate tomorrow = LocalDate.now(COMMUNITY_TIME).plusDays(1);
        String order = orderDelivery(tomorrow);
        JsonNode run = deliveryRun(tomorrow);
        JsonNode stop = stopFor(run, order);
        String outcome = "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText() + "/stops/"
                + stop.path("stopId").asText() + "/outcome";
        for (int i = 0; i < 2; i++) { // Mr Li's phone sends it twice: the delivery counts once
            HttpResponse<String> recorded = send("canteen-service", "POST", outcome, mrLi, "{\"welfareCheck\":\"OK\"}");
            assertEquals(200, recorded.statusCode(), recorded.body());
        }

        // 2. the delivery earns Mr Li the community's delivery points (5), once
        await("points-service", walletPath, worker, w -> w.path("points").asLong() == before + 5);
        JsonNode statement = get("points-service", "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi()
                + "/statement", worker);
        long deliveries = 0;
        for (JsonNode line : statement) {
            deliveries += line.path("reference").asText().equals("delivery:" + order) ? 1 : 0;
        }
        assertEquals(1, deliveries, statement.toString());

        // 3. the day after, nobody answers Ms Zhao's door: a care alert, to her daughter and her grid head
        LocalDate dayAfter = tomorrow.plusDays(1);
        JsonNode alert = doorThenAlert(dayAfter, mrLi, "{\"welfareCheck\":\"NO_ANSWER\"}", "DELIVERY_MISSED");
        JsonNode detail = await("resident-service", "/communities/" + COMMUNITY + "/care-alerts/" + alert.path("id").asText(),
                worker, a -> a.path("notifications").size() >= 2);
        assertTrue(find(detail.path("notifications"), n -> n.path("recipientKind").asText().equals("EMERGENCY_CONTACT")) != null,
                detail.toString());
        assertTrue(find(detail.path("notifications"), n -> n.path("recipientKind").asText().equals("GRID_HEAD")) != null,
                detail.toString());
        assertEquals(before + 5, get("points-service", walletPath, worker).path("points").asLong(),
                "a missed door earns nothing");

        // 4. the next day Ms Zhao opens but says she feels dizzy: a worrying welfare check is a care alert too
        JsonNode worry = doorThenAlert(dayAfter.plusDays(1), mrLi,
                "{\"welfareCheck\":\"CONCERN\",\"note\":\"says she feels dizzy\"}", "WELFARE_CONCERN");
        assertFalse(worry.toString().contains("dizzy"), "the visitor's note stays in the canteen: " + worry);

        // 5. nobody acknowledged the missed door in time: it escalates to the duty desk; the worry, taken on, does not
        HttpResponse<String> takenOn = send("resident-service", "POST", "/communities/" + COMMUNITY + "/care-alerts/"
                + worry.path("id").asText() + "/acknowledge", worker, "{\"note\":\"called her daughter; the doctor comes at 2 pm\"}");
        assertEquals(200, takenOn.statusCode(), takenOn.body());
        JsonNode escalated = await("resident-service", "/communities/" + COMMUNITY + "/care-alerts/"
                + alert.path("id").asText(), worker, a -> a.path("status").asText().equals("ESCALATED"));
        assertTrue(find(escalated.path("notifications"), n -> n.path("recipientKind").asText().equals("DUTY_DESK")) != null,
                escalated.toString());
        Duration untilOverdue = Duration.between(java.time.OffsetDateTime.now(),
                java.time.OffsetDateTime.parse(worry.path("raisedAt").asText()).plusSeconds(20 + 3));
        if (!untilOverdue.isNegative()) {
            Thread.sleep(untilOverdue.toMillis()); // past the worry's own deadline, and a few escalation checks
        }
        JsonNode acknowledged = get("resident-service", "/communities/" + COMMUNITY + "/care-alerts/"
                + worry.path("id").asText(), worker);
        assertEquals("ACKNOWLEDGED", acknowledged.path("status").asText(), acknowledged.toString());
    }

    /** Ms Zhao's lunch delivered on {@code day} with this outcome at her door; returns the open care alert it raised. */
    private static JsonNode doorThenAlert(LocalDate day, String deliverer, String outcome, String cause) throws Exception {
        String order = orderDelivery(day);
        JsonNode run = deliveryRun(day);
        HttpResponse<String> recorded = send("canteen-service", "POST", "/communities/" + COMMUNITY + "/delivery-runs/"
                + run.path("id").asText() + "/stops/" + stopFor(run, order).path("stopId").asText() + "/outcome",
                deliverer, outcome);
        assertEquals(200, recorded.statusCode(), recorded.body());
        Predicate<JsonNode> hers = a -> a.path("residentId").asText().equals(story.msZhao())
                && a.path("cause").asText().equals(cause);
        JsonNode open = await("resident-service", "/communities/" + COMMUNITY + "/care-alerts?open=true", worker,
                list -> find(list, hers) != null);
        return find(open, hers);
    }

    @Test
    void aConfirmedVisitEarnsPointsOnceAndThePointsBuyAGiftAndTheMinutesAClassSeat() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String msZhao = DevTokens.as("resident").community(COMMUNITY).subject(story.msZhao()).mint();
        String walletPath = "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet";
        JsonNode before = get("points-service", walletPath, worker);

        HttpResponse<String> logged = send("points-service", "POST", "/communities/" + COMMUNITY + "/services", mrLi,
                JSON.writeValueAsString(Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", story.msZhao(),
                        "performedAt", OffsetDateTime.now().minusHours(1).toString(), "minutes", 40,
                        "note", "helped her with the morning exercises")));
        assertEquals(201, logged.statusCode(), logged.body());
        String service = JSON.readTree(logged.body()).path("id").asText();
        for (int i = 0; i < 2; i++) { // Ms Zhao confirms, and confirms again: credited once
            HttpResponse<String> confirmed = send("points-service", "POST", "/communities/" + COMMUNITY + "/services/"
                    + service + "/confirm", msZhao, null);
            assertEquals(200, confirmed.statusCode(), confirmed.body());
        }
        JsonNode after = get("points-service", walletPath, worker);
        assertEquals(before.path("points").asLong() + 10, after.path("points").asLong());
        assertEquals(before.path("minutes").asLong() + 40, after.path("minutes").asLong());

        // the points buy a gift
        HttpResponse<String> reward = send("points-service", "POST", "/communities/" + COMMUNITY + "/rewards", worker,
                "{\"name\":\"Rice, 5 kg\",\"pointsPrice\":10,\"stock\":1,\"sponsorId\":\"rural-commercial-bank\"}");
        assertEquals(201, reward.statusCode(), reward.body());
        HttpResponse<String> redeemed = send("points-service", "POST", "/communities/" + COMMUNITY + "/redemptions", mrLi,
                "{\"rewardId\":\"" + JSON.readTree(reward.body()).path("id").asText() + "\"}");
        assertEquals(201, redeemed.statusCode(), redeemed.body());

        // the minutes buy a class seat: 40 minutes, one credit, one seat
        HttpResponse<String> credits = send("points-service", "POST", "/communities/" + COMMUNITY + "/class-credits", mrLi,
                "{\"credits\":1}");
        assertEquals(201, credits.statusCode(), credits.body());
        HttpResponse<String> course = send("points-service", "POST", "/communities/" + COMMUNITY + "/classes", worker,
                "{\"title\":\"Hulusi for beginners\",\"provider\":\"Senior university\"}");
        HttpResponse<String> session = send("points-service", "POST", "/communities/" + COMMUNITY + "/classes/"
                + JSON.readTree(course.body()).path("id").asText() + "/sessions", worker,
                "{\"startsAt\":\"" + OffsetDateTime.now().plusDays(2) + "\",\"seats\":12}");
        assertEquals(201, session.statusCode(), session.body());
        HttpResponse<String> booked = send("points-service", "POST", "/communities/" + COMMUNITY + "/class-sessions/"
                + JSON.readTree(session.body()).path("id").asText() + "/bookings", mrLi, null);
        assertEquals(201, booked.statusCode(), booked.body());

        JsonNode end = get("points-service", walletPath, worker);
        assertEquals(before.path("points").asLong(), end.path("points").asLong(), "10 earned, 10 spent");
        assertEquals(before.path("minutes").asLong(), end.path("minutes").asLong(), "40 earned, 40 spent");
        assertEquals(before.path("classCredits").asLong(), end.path("classCredits").asLong(), "1 bought, 1 booked");
        JsonNode proof = get("points-service", "/communities/" + COMMUNITY + "/ledger/verify", worker);
        assertTrue(proof.path("holds").asBoolean(), proof.toString());
    }

    @Test
    void aShortMonthInANeighbouringCommunityKeepsEveryInvariant() throws Exception {
        URI residents = stack.service("resident-service").baseUri();
        MonthInChangshanGarden.Summary summary = new MonthInChangshanGarden(stack, new CommunityGenerator(residents, 1, ids),
                3, 150, 7).run();
        System.out.println(summary);
        assertTrue(summary.holds(), summary.toString());
    }

    @Test
    void aDashboardReadingOnlyTheTopicsRebuildsTheFiguresTheServicesReport() throws Exception {
        // some life of its own, whatever else has run: Chen Xiao's errand for Ms Zhao, confirmed by the grid worker
        String chenXiao = DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint();
        await("points-service", "/communities/" + COMMUNITY + "/volunteers/" + story.chenXiao() + "/wallet", worker, w -> true);
        HttpResponse<String> logged = send("points-service", "POST", "/communities/" + COMMUNITY + "/services", chenXiao,
                JSON.writeValueAsString(Map.of("type", "ERRAND", "beneficiaryId", story.msZhao(), "minutes", 30,
                        "performedAt", OffsetDateTime.now().minusMinutes(30).toString())));
        assertEquals(201, logged.statusCode(), logged.body());
        assertEquals(200, send("points-service", "POST", "/communities/" + COMMUNITY + "/services/"
                + JSON.readTree(logged.body()).path("id").asText() + "/confirm", worker, null).statusCode());

        String month = java.time.YearMonth.now(COMMUNITY_TIME).toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String mismatch;
        do {
            TopicDashboard dashboard = TopicDashboard.fromTopics(stack.infrastructure().kafkaBootstrapServers(), COMMUNITY, month);
            JsonNode report = get("points-service", "/communities/" + COMMUNITY + "/reports/monthly?month=" + month, worker);
            mismatch = TopicDashboard.compare("services confirmed", report.path("servicesConfirmed").asLong(), dashboard.services)
                    + TopicDashboard.compare("service minutes", report.path("minutes").asLong(), dashboard.minutes)
                    + TopicDashboard.compare("points issued", report.path("pointsIssued").asLong(), dashboard.pointsIssued)
                    + TopicDashboard.compare("points redeemed", report.path("pointsRedeemed").asLong(), dashboard.pointsRedeemed);
            for (Map.Entry<String, long[]> day : dashboard.meals.entrySet()) {
                JsonNode settlement = get("canteen-service", "/communities/" + COMMUNITY + "/settlements/daily/" + day.getKey(),
                        staff);
                mismatch += TopicDashboard.compare(day.getKey() + " meals delivered", settlement.path("delivered").asLong(),
                        day.getValue()[0])
                        + TopicDashboard.compare(day.getKey() + " meals served", settlement.path("dineIn").asLong(), day.getValue()[1])
                        + TopicDashboard.compare(day.getKey() + " total fen", settlement.path("totalFen").asLong(), day.getValue()[2])
                        + TopicDashboard.compare(day.getKey() + " elders paid fen", settlement.path("elderPaidFen").asLong(),
                                day.getValue()[3]);
            }
            JsonNode alerts = get("resident-service", "/communities/" + COMMUNITY + "/care-alerts?open=false&size=500", worker);
            mismatch += TopicDashboard.compare("care alerts raised", alerts.size(), dashboard.alertsRaised);
            if (mismatch.isEmpty() && dashboard.services > 0) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("figures rebuilt from the topics differ from the services' own: " + mismatch);
    }

    private static String orderDelivery(LocalDate date) throws Exception {
        HttpResponse<String> ordered = send("canteen-service", "POST", "/communities/" + COMMUNITY + "/orders", staff,
                JSON.writeValueAsString(Map.of("dinerId", story.msZhao(), "date", date.toString(), "service", "DELIVERY",
                        "payment", "CASH")));
        assertEquals(201, ordered.statusCode(), ordered.body());
        return JSON.readTree(ordered.body()).path("id").asText();
    }

    private static JsonNode deliveryRun(LocalDate date) throws Exception {
        HttpResponse<String> created = send("canteen-service", "POST", "/communities/" + COMMUNITY + "/days/" + date
                + "/delivery-runs", staff, "{\"deliverer\":{\"kind\":\"VOLUNTEER\",\"id\":\"" + story.mrLi() + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    private static JsonNode stopFor(JsonNode run, String order) {
        JsonNode stop = find(run.path("stops"), s -> s.path("orderId").asText().equals(order));
        assertTrue(stop != null, "the order is on the run: " + run);
        return stop;
    }

    private static JsonNode find(JsonNode items, Predicate<JsonNode> test) {
        JsonNode list = items.has("items") ? items.path("items") : items;
        for (JsonNode item : list) {
            if (test.test(item)) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode get(String service, String path, String token) throws Exception {
        HttpResponse<String> response = send(service, "GET", path, token, null);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode await(String service, String path, String token, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = send(service, "GET", path, token, null);
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (until.test(body)) {
                    return body;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(service + path + " never became as expected; last " + response.statusCode() + " "
                + response.body());
    }

    private static HttpResponse<String> send(String service, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.service(service).baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
