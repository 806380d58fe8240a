package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.linli.infra.DevTokens;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The walking skeleton and the cross-service flows of docs/architecture.md, end to end: the three packaged services as
 * separate JVMs, one Kafka, one PostgreSQL, driven only through their public HTTP APIs with the stack's own client
 * ({@link ServiceApi}). Changshan Garden's story people are registered in resident-service; points-service and
 * canteen-service learn them from Kafka.
 *
 * <ol>
 * <li>a registered housebound elder orders lunch and is on the day's delivery run;</li>
 * <li>the volunteer who delivers it earns delivery points, once;</li>
 * <li>nobody answers the door: a care alert reaches the elder's emergency contact and grid head;</li>
 * <li>a confirmed visit earns points once; the points buy a gift and the minutes a class seat;</li>
 * <li>dashboard-service, reading only the topics, shows the figures the services report, also after a rebuild.</li>
 * </ol>
 * Operations: one confirmation is one trace across services in their JSON logs, and after everything else ran, no
 * service's log holds personal data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    static final String COMMUNITY = "changshan-garden";
    /** How long what one service learns from another's events may take to arrive. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static final Map<LocalDate, java.util.concurrent.atomic.AtomicInteger> ids = CommunityGenerator.newIdSequence();
    static LinliStack stack;
    static ServiceApi residents;
    static ServiceApi points;
    static ServiceApi canteen;
    static CommunityGenerator.Story story;
    static String worker;
    static String staff;

    @BeforeAll
    static void startTheSystemWithTheStory() throws Exception {
        Path home = LinliStack.home();
        // an alert nobody acknowledges escalates after 20 s here (15 minutes in a community); points-service logs its
        // confirmations and postings (DEBUG, as an operator following a trace would switch on) for the trace test
        stack = LinliStack.start(home, 0, home.resolve("linli-stack/target/e2e-logs"), Map.of("resident-service",
                Map.of("LINLI_CARE_ESCALATE_AFTER", "20s", "LINLI_CARE_ESCALATION_CHECK", "1s"),
                "points-service", Map.of("QUARKUS_LOG_CATEGORY__ORG_LINLI_POINTS__LEVEL", "DEBUG")));
        for (String name : LinliStack.SERVICES) {
            ServiceProcess s = stack.service(name);
            System.out.printf("%s ready after %d ms, RSS %d MiB%n", name, s.readyAfterMillis(), s.residentSetMiB());
        }
        residents = new ServiceApi(stack.service("resident-service").baseUri());
        points = new ServiceApi(stack.service("points-service").baseUri());
        canteen = new ServiceApi(stack.service("canteen-service").baseUri());
        URI residentService = stack.service("resident-service").baseUri();
        CommunityGenerator generator = new CommunityGenerator(residentService, 0, ids);
        story = generator.story(generator.tree(CommunityGenerator.subdistrict(residentService)));
        worker = CommunityGenerator.worker(COMMUNITY);
        staff = DevTokens.as("canteen-staff").community(COMMUNITY).subject("canteen-staff-liu").mint();
        // the canteen and the moral bank know Ms Zhao and Mr Li once their events have arrived
        canteen.await(staff, "/communities/" + COMMUNITY + "/diners/" + story.msZhao(), PATIENCE,
                d -> d.path("mayHaveDelivery").asBoolean());
        points.await(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet", PATIENCE, w -> true);
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aResidentRegisteredInResidentServiceAppearsInPointsAndCanteen() throws Exception {
        HttpResponse<String> created = residents.post(worker, "/communities/" + COMMUNITY + "/residents",
                Map.of("name", "周桂英", "gender", "FEMALE", "birthDate", "1948-02-11", "livesAlone", true, "housebound", true,
                        "householdId", story.msZhaoHousehold()));
        assertEquals(201, created.statusCode(), created.body());
        String id = ServiceApi.json(created).path("id").asText();

        points.await(worker, "/communities/" + COMMUNITY + "/members/" + id, PATIENCE, m -> m.path("housebound").asBoolean());

        canteen.await(staff, "/communities/" + COMMUNITY + "/diners/" + id, PATIENCE, d -> d.path("mayHaveDelivery").asBoolean());
    }

    @Test
    void everyServiceReportsHealthOpenApiAndMetrics() throws Exception {
        for (String name : java.util.stream.Stream.concat(LinliStack.SERVICES.stream(), java.util.stream.Stream.of(
                LinliStack.GATEWAY)).toList()) {
            ServiceApi service = new ServiceApi(stack.service(name).baseUri());
            for (String path : new String[] { "/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi",
                    "/q/metrics" }) {
                HttpResponse<String> response = service.fetch(null, path);
                assertEquals(200, response.statusCode(), name + path + ": " + response.body());
            }
        }
    }

    @Test
    void lunchIsDeliveredByAVolunteerWhoEarnsPointsOnceAndAMissedDoorOrAWorryRaisesACareAlertThatEscalates() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String walletPath = "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet";
        long before = points.get(worker, walletPath).path("points").asLong();

        // 1. Ms Zhao's lunch for tomorrow, delivered: she is on tomorrow's run, and Mr Li delivers
        LocalDate tomorrow = LocalDate.now(COMMUNITY_TIME).plusDays(1);
        String order = orderDelivery(tomorrow);
        JsonNode run = deliveryRun(tomorrow);
        JsonNode stop = stopFor(run, order);
        String outcome = "/communities/" + COMMUNITY + "/delivery-runs/" + run.path("id").asText() + "/stops/"
                + stop.path("stopId").asText() + "/outcome";
        for (int i = 0; i < 2; i++) { // Mr Li's phone sends it twice: the delivery counts once
            HttpResponse<String> recorded = canteen.post(mrLi, outcome, Map.of("welfareCheck", "OK"));
            assertEquals(200, recorded.statusCode(), recorded.body());
        }

        // 2. the delivery earns Mr Li the community's delivery points (5), once
        points.await(worker, walletPath, PATIENCE, w -> w.path("points").asLong() == before + 5);
        JsonNode statement = points.get(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/statement");
        long deliveries = 0;
        for (JsonNode line : statement) {
            deliveries += line.path("reference").asText().equals("delivery:" + order) ? 1 : 0;
        }
        assertEquals(1, deliveries, statement.toString());

        // 3. the day after, nobody answers Ms Zhao's door: a care alert, to her daughter and her grid head
        LocalDate dayAfter = tomorrow.plusDays(1);
        JsonNode alert = doorThenAlert(dayAfter, mrLi, Map.of("welfareCheck", "NO_ANSWER"), "DELIVERY_MISSED");
        JsonNode detail = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/" + alert.path("id").asText(),
                PATIENCE, a -> a.path("notifications").size() >= 2);
        assertTrue(find(detail.path("notifications"), n -> n.path("recipientKind").asText().equals("EMERGENCY_CONTACT")) != null,
                detail.toString());
        assertTrue(find(detail.path("notifications"), n -> n.path("recipientKind").asText().equals("GRID_HEAD")) != null,
                detail.toString());
        assertEquals(before + 5, points.get(worker, walletPath).path("points").asLong(),
                "a missed door earns nothing");
        // her daughter asked, from her own account, to be told by e-mail: the notice is in her mailbox (a real SMTP
        // server), calling her mother as the family does and saying nothing more than she needs
        String daughter = CommunityGenerator.zhaoLiEmail(COMMUNITY);
        long waitUntil = System.nanoTime() + PATIENCE.toNanos();
        while (stack.mailbox().to(daughter).isEmpty() && System.nanoTime() < waitUntil) {
            Thread.sleep(200);
        }
        List<LocalMailbox.Mail> toDaughter = stack.mailbox().to(daughter);
        assertEquals(1, toDaughter.size(), "one e-mail to the daughter: " + stack.mailbox().mails());
        assertEquals("【邻里】家人关怀提醒", toDaughter.get(0).subject());
        assertEquals("【邻里】您的家人赵阿姨今天送餐时无人应答，社区已收到告警并在处理，方便时请与家人联系。",
                toDaughter.get(0).text());
        JsonNode toHer = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/" + alert.path("id").asText(),
                PATIENCE, a -> find(a.path("notifications"), n -> n.path("recipientKind").asText().equals("FAMILY_MEMBER")
                        && n.path("status").asText().equals("SENT")) != null);
        assertEquals("email", find(toHer.path("notifications"),
                n -> n.path("recipientKind").asText().equals("FAMILY_MEMBER")).path("channel").asText(), toHer.toString());

        // 4. the next day Ms Zhao opens but says she feels dizzy: a worrying welfare check is a care alert too
        JsonNode worry = doorThenAlert(dayAfter.plusDays(1), mrLi,
                Map.of("welfareCheck", "CONCERN", "note", "says she feels dizzy"), "WELFARE_CONCERN");
        assertFalse(worry.toString().contains("dizzy"), "the visitor's note stays in the canteen: " + worry);

        // 5. nobody acknowledged the missed door in time: it escalates to the duty desk; the worry, taken on, does not
        HttpResponse<String> takenOn = residents.post(worker, "/communities/" + COMMUNITY + "/care-alerts/"
                + worry.path("id").asText() + "/acknowledge", Map.of("note", "called her daughter; the doctor comes at 2 pm"));
        assertEquals(200, takenOn.statusCode(), takenOn.body());
        JsonNode escalated = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/"
                + alert.path("id").asText(), PATIENCE, a -> a.path("status").asText().equals("ESCALATED"));
        assertTrue(find(escalated.path("notifications"), n -> n.path("recipientKind").asText().equals("DUTY_DESK")) != null,
                escalated.toString());
        Duration untilOverdue = Duration.between(java.time.OffsetDateTime.now(),
                java.time.OffsetDateTime.parse(worry.path("raisedAt").asText()).plusSeconds(20 + 3));
        if (!untilOverdue.isNegative()) {
            Thread.sleep(untilOverdue.toMillis()); // past the worry's own deadline, and a few escalation checks
        }
        JsonNode acknowledged = residents.get(worker, "/communities/" + COMMUNITY + "/care-alerts/"
                + worry.path("id").asText());
        assertEquals("ACKNOWLEDGED", acknowledged.path("status").asText(), acknowledged.toString());
    }

    /** Ms Zhao's lunch delivered on {@code day} with this outcome at her door; returns the open care alert it raised. */
    private static JsonNode doorThenAlert(LocalDate day, String deliverer, Map<String, Object> outcome, String cause) {
        String order = orderDelivery(day);
        JsonNode run = deliveryRun(day);
        HttpResponse<String> recorded = canteen.post(deliverer, "/communities/" + COMMUNITY + "/delivery-runs/"
                + run.path("id").asText() + "/stops/" + stopFor(run, order).path("stopId").asText() + "/outcome", outcome);
        assertEquals(200, recorded.statusCode(), recorded.body());
        Predicate<JsonNode> hers = a -> a.path("residentId").asText().equals(story.msZhao())
                && a.path("cause").asText().equals(cause);
        JsonNode open = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts?open=true", PATIENCE,
                list -> find(list, hers) != null);
        return find(open, hers);
    }

    @Test
    void aConfirmedVisitEarnsPointsOnceAndThePointsBuyAGiftAndTheMinutesAClassSeat() throws Exception {
        String mrLi = DevTokens.as("volunteer").community(COMMUNITY).subject(story.mrLi()).mint();
        String msZhao = DevTokens.as("resident").community(COMMUNITY).subject(story.msZhao()).mint();
        String walletPath = "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet";
        JsonNode before = points.get(worker, walletPath);

        HttpResponse<String> logged = points.post(mrLi, "/communities/" + COMMUNITY + "/services",
                Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", story.msZhao(),
                        "performedAt", OffsetDateTime.now().minusHours(1).toString(), "minutes", 40,
                        "note", "helped her with the morning exercises"));
        assertEquals(201, logged.statusCode(), logged.body());
        String service = ServiceApi.json(logged).path("id").asText();
        for (int i = 0; i < 2; i++) { // Ms Zhao confirms, and confirms again (no body, as her phone sends it): credited once
            HttpResponse<String> confirmed = points.post(msZhao, "/communities/" + COMMUNITY + "/services/" + service
                    + "/confirm", null);
            assertEquals(200, confirmed.statusCode(), confirmed.body());
        }
        JsonNode after = points.get(worker, walletPath);
        assertEquals(before.path("points").asLong() + 10, after.path("points").asLong());
        assertEquals(before.path("minutes").asLong() + 40, after.path("minutes").asLong());

        // the points buy a gift
        HttpResponse<String> reward = points.post(worker, "/communities/" + COMMUNITY + "/rewards",
                Map.of("name", "Rice, 5 kg", "pointsPrice", 10, "stock", 1, "sponsorId", "rural-commercial-bank"));
        assertEquals(201, reward.statusCode(), reward.body());
        HttpResponse<String> redeemed = points.post(mrLi, "/communities/" + COMMUNITY + "/redemptions",
                Map.of("rewardId", ServiceApi.json(reward).path("id").asText()));
        assertEquals(201, redeemed.statusCode(), redeemed.body());

        // the minutes buy a class seat: 40 minutes, one credit, one seat
        HttpResponse<String> credits = points.post(mrLi, "/communities/" + COMMUNITY + "/class-credits", Map.of("credits", 1));
        assertEquals(201, credits.statusCode(), credits.body());
        HttpResponse<String> course = points.post(worker, "/communities/" + COMMUNITY + "/classes",
                Map.of("title", "Hulusi for beginners", "provider", "Senior university"));
        HttpResponse<String> session = points.post(worker, "/communities/" + COMMUNITY + "/classes/"
                + ServiceApi.json(course).path("id").asText() + "/sessions",
                Map.of("startsAt", OffsetDateTime.now().plusDays(2).toString(), "seats", 12));
        assertEquals(201, session.statusCode(), session.body());
        HttpResponse<String> booked = points.post(mrLi, "/communities/" + COMMUNITY + "/class-sessions/"
                + ServiceApi.json(session).path("id").asText() + "/bookings", null);
        assertEquals(201, booked.statusCode(), booked.body());

        JsonNode end = points.get(worker, walletPath);
        assertEquals(before.path("points").asLong(), end.path("points").asLong(), "10 earned, 10 spent");
        assertEquals(before.path("minutes").asLong(), end.path("minutes").asLong(), "40 earned, 40 spent");
        assertEquals(before.path("classCredits").asLong(), end.path("classCredits").asLong(), "1 bought, 1 booked");
        JsonNode proof = points.get(worker, "/communities/" + COMMUNITY + "/ledger/verify");
        assertTrue(proof.path("holds").asBoolean(), proof.toString());
    }

    @Test
    void theSponsoringBankReceivesItsGiftsRedemptionSignedAndWithoutPersonalData() throws Exception {
        java.util.concurrent.BlockingQueue<String[]> received = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer bank = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        bank.createContext("/linli-webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            received.add(new String[] { exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body });
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        bank.start();
        try {
            ServiceApi gateway = new ServiceApi(stack.service(LinliStack.GATEWAY).baseUri());
            HttpResponse<String> partner = gateway.post(worker, "/partners", Map.of("id", "rural-commercial-bank",
                    "name", "农商银行 Rural Commercial Bank", "kind", "BANK", "communities", List.of(COMMUNITY),
                    "eventTypes", List.of("points.redeemed.v1", "redemption.handed-over.v1")));
            assertEquals(201, partner.statusCode(), partner.body());
            HttpResponse<String> subscribed = gateway.post(worker, "/partners/rural-commercial-bank/subscriptions",
                    Map.of("url", "http://127.0.0.1:" + bank.getAddress().getPort() + "/linli-webhooks",
                            "eventTypes", List.of("points.redeemed.v1")));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            String secret = ServiceApi.json(subscribed).path("secret").asText();

            // Chen Xiao earns points with a visit Ms Zhao confirms, and spends them on the bank's gift
            String chenXiao = DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint();
            String msZhao = DevTokens.as("resident").community(COMMUNITY).subject(story.msZhao()).mint();
            HttpResponse<String> logged = points.post(chenXiao, "/communities/" + COMMUNITY + "/services",
                    Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", story.msZhao(),
                            "performedAt", OffsetDateTime.now().minusHours(2).toString(), "minutes", 30));
            assertEquals(201, logged.statusCode(), logged.body());
            assertEquals(200, points.post(msZhao, "/communities/" + COMMUNITY + "/services/"
                    + ServiceApi.json(logged).path("id").asText() + "/confirm", null).statusCode());
            HttpResponse<String> reward = points.post(worker, "/communities/" + COMMUNITY + "/rewards",
                    Map.of("name", "Cooking oil, 1 L", "pointsPrice", 5, "stock", 3, "sponsorId", "rural-commercial-bank"));
            assertEquals(201, reward.statusCode(), reward.body());
            HttpResponse<String> redeemed = points.post(chenXiao, "/communities/" + COMMUNITY + "/redemptions",
                    Map.of("rewardId", ServiceApi.json(reward).path("id").asText()));
            assertEquals(201, redeemed.statusCode(), redeemed.body());
            String redemption = ServiceApi.json(redeemed).path("id").asText();

            String[] delivery = received.poll(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(delivery != null, "the bank's endpoint received the redemption");
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(delivery[3]);
            assertEquals("points.redeemed.v1", body.path("type").asText());
            assertEquals(redemption, body.path("data").path("redemptionId").asText());
            assertEquals("rural-commercial-bank", body.path("data").path("sponsorId").asText());
            String expected = signature(secret, delivery[0], delivery[1], delivery[3]);
            assertTrue(List.of(delivery[2].split(" ")).contains(expected), "signed as Standard Webhooks specifies");
            assertTrue(!delivery[3].contains(story.chenXiao()) && !delivery[3].contains(story.msZhao()),
                    "no resident's id reaches the bank: " + delivery[3]);
        } finally {
            bank.stop(0);
        }
    }

    @Test
    void aShortMonthInANeighbouringCommunityKeepsEveryInvariant() throws Exception {
        URI residentService = stack.service("resident-service").baseUri();
        MonthInChangshanGarden.Summary summary = new MonthInChangshanGarden(stack,
                new CommunityGenerator(residentService, 1, ids), 3, 150, 7).run();
        System.out.println(summary);
        assertTrue(summary.holds(), summary.toString());
    }

    @Test
    void dashboardServiceShowsTheFiguresTheServicesReportAlsoAfterARebuild() throws Exception {
        // some life of its own, whatever else has run: Chen Xiao's errand for Ms Zhao, confirmed by the grid worker
        String chenXiao = DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint();
        points.await(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.chenXiao() + "/wallet", PATIENCE, w -> true);
        HttpResponse<String> logged = points.post(chenXiao, "/communities/" + COMMUNITY + "/services",
                Map.of("type", "ERRAND", "beneficiaryId", story.msZhao(), "minutes", 30,
                        "performedAt", OffsetDateTime.now().minusMinutes(30).toString()));
        assertEquals(201, logged.statusCode(), logged.body());
        assertEquals(200, points.post(worker, "/communities/" + COMMUNITY + "/services/"
                + ServiceApi.json(logged).path("id").asText() + "/confirm", null).statusCode());

        java.time.YearMonth month = java.time.YearMonth.now(COMMUNITY_TIME);
        ServiceApi dashboard = new ServiceApi(stack.service("dashboard-service").baseUri());
        String officer = CommunityGenerator.districtOfficer();
        String figures = "/communities/" + COMMUNITY + "/figures?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        String mismatch = sameFigures(dashboard, officer, figures, month, Duration.ofSeconds(30));
        assertEquals("", mismatch, "dashboard-service's figures differ from the services' own");

        // a rebuild replays every topic into a fresh schema and swaps it in: the same figures again
        String operator = DevTokens.as("operator").subject("operator-e2e").mint();
        assertEquals(202, dashboard.post(operator, "/admin/rebuild", null).statusCode());
        dashboard.await(operator, "/admin/rebuild", Duration.ofSeconds(120), s -> "DONE".equals(s.path("state").asText()));
        assertEquals("", sameFigures(dashboard, officer, figures, month, Duration.ofSeconds(5)),
                "after a rebuild, dashboard-service's figures differ from the services' own");
    }

    @Test
    void oneConfirmationIsOneTraceFromTheRequestThroughTheLedgerToResidentServicesConsumer() throws Exception {
        String chenXiao = DevTokens.as("volunteer").community(COMMUNITY).subject(story.chenXiao()).mint();
        String msZhao = DevTokens.as("resident").community(COMMUNITY).subject(story.msZhao()).mint();
        points.await(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.chenXiao() + "/wallet", PATIENCE, w -> true);
        HttpResponse<String> logged = points.post(chenXiao, "/communities/" + COMMUNITY + "/services",
                Map.of("type", "ELDER_CARE_VISIT", "beneficiaryId", story.msZhao(), "minutes", 20,
                        "performedAt", OffsetDateTime.now().minusMinutes(90).toString()));
        assertEquals(201, logged.statusCode(), logged.body());
        String service = ServiceApi.json(logged).path("id").asText();

        // Ms Zhao confirms with no trace context of her own: points-service starts the trace
        HttpResponse<String> confirmed = points.post(msZhao, "/communities/" + COMMUNITY + "/services/" + service
                + "/confirm", null);
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        JsonNode request = logLine("points-service", line -> line.path("message").asText()
                .startsWith("Service " + service + " confirmed"));
        String trace = request.path("mdc").path("traceId").asText();
        assertTrue(trace.matches("[0-9a-f]{32}"), "the confirmation's log line carries a trace id: " + request);
        for (String field : new String[] { "timestamp", "level", "loggerName", "message", "service" }) {
            assertTrue(request.hasNonNull(field), field + " in " + request);
        }
        assertEquals("points-service", request.path("service").asText());
        assertEquals(COMMUNITY, request.path("mdc").path("communityId").asText(), "the community, from the path: " + request);

        JsonNode posting = logLine("points-service", line -> line.path("message").asText().startsWith("Posted SERVICE_AWARD")
                && line.path("message").asText().contains(service));
        assertEquals(trace, posting.path("mdc").path("traceId").asText(), "the ledger posting is in the trace: " + posting);

        JsonNode consumed = logLine("resident-service", line -> line.path("message").asText()
                .startsWith("Confirmed service " + service + " counted"));
        assertEquals(trace, consumed.path("mdc").path("traceId").asText(),
                "resident-service's consumer continues the trace the event carried: " + consumed);
        assertEquals(COMMUNITY, consumed.path("mdc").path("communityId").asText(), "the community, from the event");
        assertEquals("resident-service", consumed.path("service").asText());
        assertTrue(!consumed.path("mdc").path("spanId").asText().equals(request.path("mdc").path("spanId").asText()),
                "in a span of its own");
    }

    /** The first JSON line of {@code service}'s log that matches, waiting for it as long as events may take. */
    private static JsonNode logLine(String service, Predicate<JsonNode> matches) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        do {
            for (String line : logLines(stack.service(service).log())) {
                JsonNode json = logJson(line);
                if (json != null && matches.test(json)) {
                    return json;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such line in " + stack.service(service).log() + " within " + PATIENCE);
    }

    /** A log's lines as they are now (the last may be half written). */
    private static List<String> logLines(Path log) throws java.io.IOException {
        return List.of(new String(java.nio.file.Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                .split("\\R"));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LOG_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode logJson(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return LOG_JSON.readTree(line);
        } catch (java.io.IOException e) {
            return null; // a line still being written
        }
    }

    /** The story's people, the people EndToEndIT registers, and the generator's made-up names, numbers and addresses. */
    static final List<String> STORY_NAMES = List.of("赵秀兰", "李建国", "王淑芬", "孙德明", "陈晓", "吴亚琴", "赵丽", "周桂英");
    static final Map<String, java.util.regex.Pattern> PERSONAL_DATA = Map.of(
            "mobile number", java.util.regex.Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])"),
            "ID number", java.util.regex.Pattern.compile(
                    "(?<![0-9A-Za-z])\\d{6}(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])"),
            "e-mail address", java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
            "address", java.util.regex.Pattern.compile("\\d+\\s*号楼|\\d+\\s*单元\\s*\\d+|\\d+\\s*室"),
            "story name", java.util.regex.Pattern.compile(String.join("|", STORY_NAMES)),
            "generated name", java.util.regex.Pattern.compile("(?<!\\p{IsHan})[" + generatorCharacters("SURNAMES") + "]["
                    + generatorCharacters("GIVEN") + "]{1,2}(?!\\p{IsHan})"));

    @Test
    @Order(Integer.MAX_VALUE) // after every other test of the class: the logs of the whole run
    void noServiceLogsPersonalData() throws Exception {
        // the scan bites: each kind of personal data the story has is found in a line made for it
        for (String planted : new String[] { "{\"message\":\"call 13504310001\"}", "id 220103195003140026 refused",
                "\"mail zhao.li@example.com\"", "3号楼 2单元 501", "\"赵秀兰 ordered\"", "for 钱桂英: done" }) {
            assertFalse(personalData(planted).isEmpty(), "the scan misses " + planted);
        }
        List<String> found = new java.util.ArrayList<>();
        int lines = 0;
        for (String name : java.util.stream.Stream.concat(LinliStack.SERVICES.stream(),
                java.util.stream.Stream.of(LinliStack.APP, LinliStack.GATEWAY)).toList()) {
            Path log = stack.service(name).log();
            List<String> all = logLines(log);
            lines += all.size();
            for (int i = 0; i < all.size(); i++) {
                for (String kind : personalData(all.get(i))) {
                    found.add(log.getFileName() + ":" + (i + 1) + " (" + kind + "): " + all.get(i));
                }
            }
        }
        assertTrue(lines > 100, "the services logged the run: " + lines + " lines");
        assertTrue(found.isEmpty(), found.size() + " log lines hold personal data:\n" + String.join("\n",
                found.subList(0, Math.min(found.size(), 30))));
    }

    /** The kinds of personal data in a log line (its text values when it is JSON, so escapes do not hide any). */
    private static List<String> personalData(String line) {
        JsonNode json = logJson(line);
        String text = json == null ? line : String.join(" ", texts(json, new java.util.ArrayList<>()));
        return PERSONAL_DATA.entrySet().stream().filter(p -> p.getValue().matcher(text).find()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private static List<String> texts(JsonNode node, List<String> into) {
        if (node.isContainerNode()) {
            node.forEach(child -> texts(child, into));
        } else {
            into.add(node.asText());
        }
        return into;
    }

    /** The characters CommunityGenerator makes names of (read from it, so the scan follows the generator). */
    private static String generatorCharacters(String field) {
        try {
            java.lang.reflect.Field characters = CommunityGenerator.class.getDeclaredField(field);
            characters.setAccessible(true);
            return (String) characters.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CommunityGenerator." + field, e);
        }
    }

    /**
     * "" when dashboard-service's figures for the month equal what points-service, canteen-service and resident-service
     * report themselves (waiting up to {@code patience} for events to arrive), else what differs.
     */
    private static String sameFigures(ServiceApi dashboard, String officer, String figures, java.time.YearMonth month,
            Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String mismatch;
        do {
            JsonNode totals = dashboard.get(officer, figures).path("totals");
            JsonNode report = points.get(worker, "/communities/" + COMMUNITY + "/reports/monthly?month=" + month);
            JsonNode settlement = canteen.get(staff, "/communities/" + COMMUNITY + "/settlements/monthly/" + month);
            JsonNode alerts = residents.get(worker, "/communities/" + COMMUNITY + "/care-alerts?open=false&size=500");
            mismatch = differs("services confirmed", report.path("servicesConfirmed"), totals.path("services.confirmed"))
                    + differs("service minutes", report.path("minutes"), totals.path("services.minutes"))
                    + differs("points issued", report.path("pointsIssued"), totals.path("points.issued"))
                    + differs("points redeemed", report.path("pointsRedeemed"), totals.path("points.redeemed"))
                    + differs("meals delivered", settlement.path("delivered"), totals.path("meals.delivered"))
                    + differs("meals served", settlement.path("dineIn"), totals.path("meals.served"))
                    + differs("total fen", settlement.path("totalFen"), totals.path("fen.total"))
                    + differs("elders paid fen", settlement.path("elderPaidFen"), totals.path("fen.elder"))
                    + differs("care alerts raised", alerts.size(), totals.path("alerts.raised").asLong());
            if (mismatch.isEmpty() && totals.path("services.confirmed").asLong() > 0) {
                return "";
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return mismatch;
    }

    private static String differs(String figure, JsonNode reported, JsonNode dashboard) {
        return differs(figure, reported.asLong(), dashboard.asLong());
    }

    private static String differs(String figure, long reported, long dashboard) {
        return reported == dashboard ? "" : figure + ": the service says " + reported + ", the dashboard " + dashboard + "; ";
    }

    @Test
    void aDeviceVendorsSignedGasAlarmAndACanteenOperatorsReportReachTheServicesThroughTheGateway() throws Exception {
        ServiceApi gateway = new ServiceApi(stack.service(LinliStack.GATEWAY).baseUri());
        // a gas-alarm vendor and the company running the kitchen, registered by the community for Changshan Garden
        for (String[] partner : new String[][] { { "anxin-gas", "安心燃气 Anxin Gas", "DEVICE_VENDOR", "care-alert.resolved.v1" },
                { "kitchen-co", "颐康餐饮 Yikang Catering", "CANTEEN_OPERATOR", "meal.delivered.v1" } }) {
            HttpResponse<String> registered = gateway.post(worker, "/partners", Map.of("id", partner[0], "name", partner[1],
                    "kind", partner[2], "communities", List.of(COMMUNITY), "eventTypes", List.of(partner[3])));
            assertEquals(201, registered.statusCode(), registered.body());
        }
        String vendorSecret = ServiceApi.json(gateway.post(worker, "/partners/anxin-gas/inbound-secret/roll", null))
                .path("secret").asText();
        String kitchenSecret = ServiceApi.json(gateway.post(worker, "/partners/kitchen-co/inbound-secret/roll", null))
                .path("secret").asText();

        // the gas alarm in Ms Zhao's flat, signed by the vendor: a care alert in resident-service, and a replay is refused
        String alarm = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("alarmId",
                "anxin-" + java.util.UUID.randomUUID(), "communityId", COMMUNITY, "householdId", story.msZhaoHousehold(),
                "kind", "GAS_LEAK", "deviceId", "gas-3-2-501", "occurredAt", OffsetDateTime.now().toString()));
        String alarmId = "msg-" + java.util.UUID.randomUUID();
        HttpResponse<String> raised = signedPost("/inbound/anxin-gas/device-alarms", vendorSecret, alarmId, alarm);
        assertEquals(202, raised.statusCode(), raised.body());
        String alertId = ServiceApi.json(raised).path("alertId").asText();
        JsonNode alert = residents.await(worker, "/communities/" + COMMUNITY + "/care-alerts/" + alertId, PATIENCE,
                a -> a.path("cause").asText().equals("GAS_ALARM"));
        assertEquals(story.msZhaoHousehold(), alert.path("householdId").asText(), alert.toString());
        assertEquals(409, signedPost("/inbound/anxin-gas/device-alarms", vendorSecret, alarmId, alarm).statusCode());
        assertEquals(401, signedPost("/inbound/anxin-gas/device-alarms", kitchenSecret, "msg-" + java.util.UUID.randomUUID(),
                alarm).statusCode(), "signed with another partner's secret");

        // the kitchen company reports Ms Zhao's lunch delivered and Mr Sun's eaten at the canteen: canteen-service has both
        LocalDate day = LocalDate.now(COMMUNITY_TIME).plusDays(6);
        String delivered = orderDelivery(day);
        JsonNode run = deliveryRun(day);
        HttpResponse<String> dineIn = canteen.post(staff, "/communities/" + COMMUNITY + "/orders",
                Map.of("dinerId", story.mrSun(), "date", day.toString(), "service", "DINE_IN", "payment", "CASH"));
        assertEquals(201, dineIn.statusCode(), dineIn.body());
        String served = ServiceApi.json(dineIn).path("id").asText();
        String report = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("reportId",
                "yikang-" + day, "communityId", COMMUNITY, "served", List.of(served), "deliveries", List.of(Map.of(
                        "runId", run.path("id").asText(), "stopId", stopFor(run, delivered).path("stopId").asText(),
                        "welfareCheck", "OK"))));
        HttpResponse<String> reported = signedPost("/inbound/kitchen-co/meal-reports", kitchenSecret,
                "msg-" + java.util.UUID.randomUUID(), report);
        assertEquals(202, reported.statusCode(), reported.body());
        assertTrue(reported.body().contains("\"done\"") || reported.body().contains("\"DONE\""), reported.body());
        canteen.await(staff, "/communities/" + COMMUNITY + "/orders/" + delivered, PATIENCE,
                o -> o.path("status").asText().equals("DELIVERED"));
        canteen.await(staff, "/communities/" + COMMUNITY + "/orders/" + served, PATIENCE,
                o -> o.path("status").asText().equals("SERVED"));
    }

    /** The Standard Webhooks signature {@code v1,base64(HMAC-SHA256(key, id.timestamp.body))} with a whsec_ secret. */
    private static String signature(String secret, String id, String timestamp, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())),
                "HmacSHA256"));
        return "v1," + java.util.Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A request signed as the Standard Webhooks specification says, with a partner's inbound secret. */
    private static HttpResponse<String> signedPost(String path, String secret, String id, String body) throws Exception {
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
        String signature = signature(secret, id, timestamp, body);
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                stack.service(LinliStack.GATEWAY).baseUri().resolve(path)).header("content-type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String orderDelivery(LocalDate date) {
        HttpResponse<String> ordered = canteen.post(staff, "/communities/" + COMMUNITY + "/orders",
                Map.of("dinerId", story.msZhao(), "date", date.toString(), "service", "DELIVERY", "payment", "CASH"));
        assertEquals(201, ordered.statusCode(), ordered.body());
        return ServiceApi.json(ordered).path("id").asText();
    }

    private static JsonNode deliveryRun(LocalDate date) {
        HttpResponse<String> created = canteen.post(staff, "/communities/" + COMMUNITY + "/days/" + date + "/delivery-runs",
                Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id", story.mrLi())));
        assertEquals(201, created.statusCode(), created.body());
        return ServiceApi.json(created);
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
}
