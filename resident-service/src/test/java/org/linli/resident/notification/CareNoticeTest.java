package org.linli.resident.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;
import org.linli.resident.TestCommunity;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.service.CareAlerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Care-alert notices through real channels, on real PostgreSQL and Kafka: SMS to a local Alibaba-SMS-like server that
 * checks the signature as documented, WeChat subscription messages to a local WeChat-like server that checks the token
 * and the body, e-mail to a real SMTP server (GreenMail). Each person is told once; refusals are retried, passed on to
 * the next channel and last to the duty desk; messages carry no more personal data than the recipient needs.
 */
@QuarkusTest
@WithTestResource(NoticeProviders.class)
class CareNoticeTest {

    static final String CANTEEN_TOPIC = "linli.canteen.events";
    static final String DAUGHTER_NAME = "赵丽";
    static final String ELDER_NAME = "赵秀兰";
    static final Random RANDOM = new Random();

    static AlibabaSmsStub sms;
    static WechatStub wechat;
    static GreenMail smtp;

    @Inject
    CareAlerts alerts;

    @Inject
    NoticeDispatcher dispatcher;

    @Inject
    NoticeRecipients recipients;

    @BeforeAll
    static void startProviders() throws IOException {
        var config = ConfigProvider.getConfig();
        sms = new AlibabaSmsStub(config.getValue("linli.test.sms-port", Integer.class));
        wechat = new WechatStub(config.getValue("linli.test.wechat-port", Integer.class));
        smtp = new GreenMail(new ServerSetup(config.getValue("linli.test.smtp-port", Integer.class), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopProviders() {
        sms.stop();
        wechat.stop();
        smtp.stop();
    }

    /** Ms Zhao (赵秀兰, 赵阿姨 at the door) with her daughter as emergency contact, and a grid head for her grid. */
    record Circle(TestCommunity community, String elder, String contact, String head, String daughterPhone,
            String headPhone, String idNumber) {
    }

    static String phone() {
        return "13" + (5 + RANDOM.nextInt(5)) + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    static Circle circle() {
        TestCommunity community = TestCommunity.create();
        String daughterPhone = phone();
        String headPhone = phone();
        String first17 = "22010319500314" + String.format("%03d", RANDOM.nextInt(1000));
        String idNumber = first17 + org.linli.resident.privacy.NationalIdNumber.checkCharacter(first17);
        String elder = community.register("{\"name\":\"" + ELDER_NAME + "\",\"gender\":\"FEMALE\",\"birthDate\":\"1950-03-14\","
                + "\"nationalId\":\"" + idNumber + "\",\"housebound\":true,\"livesAlone\":true}");
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("purpose", "CARE_ALERTS"))
                .when().post("/communities/{c}/residents/{id}/consents", community.code(), elder).then().statusCode(201);
        String contact = given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("name", DAUGHTER_NAME, "relationship", "daughter", "phone", daughterPhone))
                .when().post("/communities/{c}/residents/{id}/emergency-contacts", community.code(), elder)
                .then().statusCode(201).extract().path("id");
        String head = community.register("{\"name\":\"吴亚琴\",\"gender\":\"FEMALE\",\"birthDate\":\"1962-05-05\","
                + "\"phone\":\"" + headPhone + "\"}");
        given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(Map.of("residentId", head, "kind", "GRID_HEAD", "orgUnitId", community.gridId()))
                .when().post("/communities/{c}/heads", community.code()).then().statusCode(201);
        return new Circle(community, elder, contact, head, daughterPhone, headPhone, idNumber);
    }

    static String missed(String eventId, String orderId, String diner, String community) {
        return TestEvents.cloudEvent(eventId, "/linli/canteen-service", "meal.delivery-missed.v1", "orders/" + orderId,
                community, Map.of("orderId", orderId, "dinerId", diner, "communityId", community,
                        "attemptedAt", OffsetDateTime.now().toString()));
    }

    static JsonPath view(Circle circle, String alertId) {
        return given().auth().oauth2(circle.community().worker())
                .when().get("/communities/{c}/care-alerts/{id}", circle.community().code(), alertId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The alert's notice to one recipient at one stage, as the console shows it. */
    static Map<String, Object> notice(JsonPath view, String kind, String ref, String stage) {
        List<Map<String, Object>> notices = view.getList("notifications");
        List<Map<String, Object>> matching = notices.stream().filter(n -> kind.equals(n.get("recipientKind"))
                && ref.equals(n.get("recipientRef")) && stage.equals(n.get("stage"))).toList();
        assertTrue(matching.size() <= 1, "one notice per alert, recipient and stage: " + notices);
        return matching.isEmpty() ? Map.of() : matching.get(0);
    }

    static String alertOf(String residentId) {
        return QuarkusTransaction.requiringNew().call(() -> CareAlert.<CareAlert>find("residentId", UUID.fromString(residentId))
                .firstResultOptional().map(a -> a.id.toString()).orElse(null));
    }

    private UUID raise(Circle circle, AlertCause cause) {
        return QuarkusTransaction.requiringNew().call(() -> alerts.raiseForResident(UUID.fromString(circle.elder()), cause,
                "order-" + UUID.randomUUID()).orElseThrow().id);
    }

    @Test
    void theSignatureIsAlibabaCloudsDocumentedExample() {
        // the example of Alibaba Cloud's "signature mechanism" page for RPC APIs (GET, AccessKey secret testsecret)
        Map<String, String> example = new TreeMap<>(Map.of("AccessKeyId", "testid", "Action", "DescribeRegions",
                "Format", "XML", "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26"));
        String canonical = AlibabaSmsChannel.canonicalize(example);
        assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
                "GET&" + AlibabaSmsChannel.percentEncode("/") + "&" + AlibabaSmsChannel.percentEncode(canonical));
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AlibabaSmsChannel.sign("GET", canonical, "testsecret"));
        assertEquals("a%20b%2Ac~d%E8%B5%B5", AlibabaSmsChannel.percentEncode("a b*c~d赵"));
    }

    @Test
    void aMissedDoorReachesTheDaughterOnWechatAndTheGridHeadBySmsOnceEachWithNoMoreThanTheyNeed() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            Circle circle = circle();
            String openId = "o-daughter-" + UUID.randomUUID();
            // the daughter gave her WeChat (the mini program's openid); the grid head only has her registered phone
            recipients.set(AlertNotification.EMERGENCY_CONTACT, circle.contact(), "zh", null, null, null, openId);
            int tokensBefore = wechat.tokensIssued.get();

            String code = circle.community().code();
            String order = UUID.randomUUID().toString();
            String eventId = UUID.randomUUID().toString();
            TopicProbe.send(CANTEEN_TOPIC, order, missed(eventId, order, circle.elder(), code));
            TopicProbe.send(CANTEEN_TOPIC, order, missed(eventId, order, circle.elder(), code)); // redelivered
            TopicProbe.send(CANTEEN_TOPIC, order, missed(UUID.randomUUID().toString(), order, circle.elder(), code)); // re-sent
            String alertId = await().atMost(Duration.ofSeconds(30)).until(() -> alertOf(circle.elder()), a -> a != null);
            String ref = alertId.substring(0, 8);

            await().atMost(Duration.ofSeconds(20)).until(() -> wechat.to(openId).size() == 1 && sms.to(circle.headPhone()).size() == 1);

            WechatStub.Message message = wechat.to(openId).get(0);
            assertEquals("tmpl-family", message.templateId());
            assertEquals("赵阿姨", message.body().at("/data/thing1/value").asText());
            assertEquals("今天送餐时无人应答", message.body().at("/data/thing2/value").asText());
            assertEquals("pages/alerts/index", message.body().path("page").asText());
            assertEquals("zh_CN", message.body().path("lang").asText());
            assertFalse(message.body().at("/data").has("character_string3"), "a family notice carries no alert reference");

            AlibabaSmsStub.Sms text = sms.to(circle.headPhone()).get(0);
            assertEquals("SMS_100002", text.templateCode());
            assertEquals(Map.of("name", "赵阿姨", "event", "今天送餐时无人应答", "ref", ref), text.templateParams());
            assertEquals(List.of(), sms.problems, "every SMS request is signed as documented");
            assertEquals(List.of(), wechat.problems);
            assertTrue(wechat.tokensIssued.get() - tokensBefore <= 1, "the token is cached");

            // nothing personal beyond the call name: no full name, no ID number, no address, nobody else's phone
            for (String sent : List.of(message.body().toString(), text.rawBody(), text.templateParams().toString())) {
                for (String secret : List.of(ELDER_NAME, circle.idNumber(), DAUGHTER_NAME, circle.daughterPhone(), "501",
                        "3号楼", "2单元")) {
                    assertFalse(java.net.URLDecoder.decode(sent, java.nio.charset.StandardCharsets.UTF_8).contains(secret),
                            secret + " in " + sent);
                }
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of("SENT", "SENT"),
                    List.of(notice(view(circle, alertId), "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("status"),
                            notice(view(circle, alertId), "GRID_HEAD", circle.head(), "RAISED").get("status"))));
            JsonPath view = view(circle, alertId);
            Map<String, Object> toDaughter = notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED");
            assertEquals("wechat", toDaughter.get("channel"));
            assertEquals("SENT", toDaughter.get("status"));
            assertEquals(true, toDaughter.get("delivered"));
            Map<String, Object> toHead = notice(view, "GRID_HEAD", circle.head(), "RAISED");
            assertEquals("sms", toHead.get("channel"));
            assertEquals("SENT", toHead.get("status"));
            assertEquals(1, toHead.get("attempts"));

            // the retry sweeper runs every 300 ms: still exactly one each a while later
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> wechat.to(openId).size() == 1 && sms.to(circle.headPhone()).size() == 1);

            // WeChat drops the token: the channel fetches a new one and sends the next alert's message once
            wechat.revokeToken();
            int issued = wechat.tokensIssued.get();
            UUID second = raise(circle, AlertCause.WELFARE_CONCERN);
            await().atMost(Duration.ofSeconds(20)).until(() -> wechat.to(openId).size() == 2);
            assertEquals(issued + 1, wechat.tokensIssued.get());
            assertEquals("今天送餐时身体状况令人担心", wechat.to(openId).get(1).body().at("/data/thing2/value").asText());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals("SENT",
                    notice(view(circle, second.toString()), "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("status")));

            for (String line : logged) {
                for (String secret : List.of(ELDER_NAME, "赵阿姨", circle.idNumber(), DAUGHTER_NAME, circle.daughterPhone(),
                        circle.headPhone(), openId)) {
                    assertFalse(line.contains(secret), "personal data in the log: " + line);
                }
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    @Test
    void aRefusedChannelIsRetriedThenTheNextIsTriedAndLastTheDutyDeskIsTold() throws Exception {
        Circle circle = circle();
        String code = circle.community().code();
        String openId = "o-refuses-" + UUID.randomUUID();
        String headMail = "head-" + code + "@linli.test";
        String deskMail = "desk-" + code + "@linli.test";
        // the daughter: WeChat says she never subscribed (for good); SMS is throttled on every attempt
        // (set as the community office does, through the API)
        reach(circle, "/residents/" + circle.elder() + "/emergency-contacts/" + circle.contact(),
                Map.of("language", "zh", "wechatOpenId", openId));
        wechat.answer(openId, 43101);
        sms.answer(circle.daughterPhone(), "isv.BUSINESS_LIMIT_CONTROL", "isv.BUSINESS_LIMIT_CONTROL",
                "isv.BUSINESS_LIMIT_CONTROL");
        // the grid head prefers SMS, then e-mail, in English; her number is refused for good
        reach(circle, "/grid-heads/" + circle.head(), Map.of("language", "en", "channels", List.of("sms", "email"),
                "email", headMail));
        sms.answer(circle.headPhone(), "isv.MOBILE_NUMBER_ILLEGAL");
        // the community's duty desk reads a shared mailbox
        reach(circle, "/duty-desk", Map.of("email", deskMail));

        UUID alertId = raise(circle, AlertCause.DELIVERY_MISSED);
        String ref = alertId.toString().substring(0, 8);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath view = view(circle, alertId.toString());
            assertEquals("FAILED", notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("status"));
            assertEquals("SENT", notice(view, "GRID_HEAD", circle.head(), "RAISED").get("status"));
            assertEquals("SENT", notice(view, "DUTY_DESK", code, "FALLBACK").get("status"));
        });
        JsonPath view = view(circle, alertId.toString());
        Map<String, Object> toDaughter = notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED");
        assertEquals(4, toDaughter.get("attempts"));
        assertEquals("sms: isv.BUSINESS_LIMIT_CONTROL", toDaughter.get("lastError"));
        assertEquals(false, toDaughter.get("delivered"));
        assertEquals("email", notice(view, "GRID_HEAD", circle.head(), "RAISED").get("channel"));
        assertEquals("email", notice(view, "DUTY_DESK", code, "FALLBACK").get("channel"));

        // the daughter's attempts: WeChat once (refused for good), SMS three times with a doubling wait in between
        UUID daughterNotice = QuarkusTransaction.requiringNew().call(() -> AlertNotification.<AlertNotification>find(
                "alertId = ?1 and recipientKind = ?2", alertId, AlertNotification.EMERGENCY_CONTACT).singleResult().id);
        List<NoticeAttempt> attempts = QuarkusTransaction.requiringNew().call(() -> NoticeAttempt.<NoticeAttempt>list(
                "notificationId = ?1 order by at", daughterNotice));
        assertEquals(List.of("wechat:REFUSED:43101", "sms:RETRY:isv.BUSINESS_LIMIT_CONTROL",
                "sms:RETRY:isv.BUSINESS_LIMIT_CONTROL", "sms:RETRY:isv.BUSINESS_LIMIT_CONTROL"),
                attempts.stream().map(a -> a.channel + ":" + a.outcome + ":" + a.detail).toList());
        assertTrue(Duration.between(attempts.get(1).at, attempts.get(2).at).toMillis() >= 250, "first backoff");
        assertTrue(Duration.between(attempts.get(2).at, attempts.get(3).at).toMillis() >= 500, "doubled backoff");
        assertEquals(1, wechat.to(openId).size());
        assertEquals(3, sms.to(circle.daughterPhone()).size());
        assertEquals(1, sms.to(circle.headPhone()).size());

        // the grid head's e-mail, in English; the duty desk's, in Chinese, naming nobody
        MimeMessage toHead = awaitMail(headMail, "Linli: a care alert in your grid");
        String headText = (String) toHead.getContent();
        assertTrue(headText.contains("Linli: 赵阿姨 in your grid did not answer the door when lunch was brought today"), headText);
        assertTrue(headText.contains("alert " + ref), headText);
        MimeMessage fallback = awaitMail(deskMail, "【邻里】告警通知未送达");
        String deskText = (String) fallback.getContent();
        assertEquals("【邻里】告警" + ref + "（居民今天送餐时无人应答）未能通知到家属或网格长，请值班人员电话联系。", deskText.strip());
        for (String text : List.of(headText, deskText)) {
            for (String secret : List.of(ELDER_NAME, circle.idNumber(), DAUGHTER_NAME, circle.daughterPhone(), circle.headPhone())) {
                assertFalse(text.contains(secret), secret + " in " + text);
            }
        }

        // nobody acknowledges: the duty desk's mailbox gets the escalation too (5 s in tests), and one fallback only
        MimeMessage escalated = awaitMail(deskMail, "【邻里】告警超时无人确认");
        assertTrue(((String) escalated.getContent()).contains("告警" + ref), "escalation names the alert");
        assertEquals(1, mails(deskMail, "【邻里】告警通知未送达").size());
    }

    @Test
    void theSameAlertRaisedAndSentConcurrentlyTellsEachPersonOnce() throws Exception {
        Circle circle = circle();
        String source = "order-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // eight reports of the same missed door at once (a redelivery, a second instance)
            CountDownLatch go = new CountDownLatch(1);
            List<Future<UUID>> raised = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                raised.add(pool.submit(() -> {
                    go.await();
                    return QuarkusTransaction.requiringNew().call(() -> alerts.raiseForResident(UUID.fromString(circle.elder()),
                            AlertCause.DELIVERY_MISSED, source).orElseThrow().id);
                }));
            }
            go.countDown();
            UUID alertId = raised.get(0).get();
            for (Future<UUID> other : raised) {
                assertEquals(alertId, other.get());
            }
            List<AlertNotification> notices = QuarkusTransaction.requiringNew().call(() -> AlertNotification
                    .<AlertNotification>list("alertId", alertId));
            assertEquals(2, notices.size(), "the daughter and the grid head");

            // every sender at once: the after-commit sender, the sweeper, queued again, processed again
            CountDownLatch again = new CountDownLatch(1);
            List<Future<?>> senders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                for (AlertNotification notice : notices) {
                    senders.add(pool.submit(() -> {
                        again.await();
                        boolean queued = QuarkusTransaction.requiringNew().call(() -> dispatcher.queue(
                                Notice.raised(alertId, notice.recipientKind, notice.recipientRef)));
                        assertFalse(queued, "queued once");
                        dispatcher.process(notice.id);
                        dispatcher.sweep();
                        return null;
                    }));
                }
            }
            again.countDown();
            for (Future<?> sender : senders) {
                sender.get();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sms.to(circle.daughterPhone()).size() >= 1
                    && sms.to(circle.headPhone()).size() >= 1);
            Thread.sleep(1500); // let any second send show itself
            assertEquals(1, sms.to(circle.daughterPhone()).size(), "the daughter is texted once");
            assertEquals(1, sms.to(circle.headPhone()).size(), "the grid head is texted once");
            assertEquals("SMS_100001", sms.to(circle.daughterPhone()).get(0).templateCode());
            assertEquals(Map.of("name", "赵阿姨", "event", "今天送餐时无人应答"), sms.to(circle.daughterPhone()).get(0).templateParams());
            for (AlertNotification notice : notices) {
                assertEquals(1, sms.received.stream().filter(s -> s.outId().equals(notice.id.toString())).count());
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath view = view(circle, alertId.toString());
                assertEquals("SENT", notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("status"));
                assertEquals(1, notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("attempts"));
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSenderThatStoppedMidSendIsNotSentAgainAndTheDutyDeskIsTold() {
        Circle circle = circle();
        // a notice some instance claimed and then died with: its lease is over
        UUID alertId = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = alerts.raiseForResident(UUID.fromString(circle.elder()), AlertCause.WELFARE_CONCERN,
                    "order-" + UUID.randomUUID()).orElseThrow().id;
            AlertNotification.update("status = 'SENDING', channel = 'sms', claimedUntil = ?1 where alertId = ?2 "
                    + "and recipientKind = 'EMERGENCY_CONTACT'", OffsetDateTime.now().minusMinutes(1), id);
            return id;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath view = view(circle, alertId.toString());
            assertEquals("UNCERTAIN", notice(view, "EMERGENCY_CONTACT", circle.contact(), "RAISED").get("status"));
            assertEquals("SENT", notice(view, "DUTY_DESK", circle.community().code(), "FALLBACK").get("status"));
            assertEquals("console", notice(view, "DUTY_DESK", circle.community().code(), "FALLBACK").get("channel"));
        });
        assertEquals(List.of(), sms.to(circle.daughterPhone()), "never sent again");
    }

    @Test
    void aDaughterWithACareAlertsLinkIsEmailedWhereSheAskedAndNoLongerOnceHerLinkIsRevoked() throws Exception {
        Circle circle = circle();
        String code = circle.community().code();
        String worker = circle.community().worker();
        UUID daughter = UUID.randomUUID(); // her own account with the identity provider; she lives across town
        String family = org.linli.infra.DevTokens.as("family").subject(daughter.toString()).mint();
        String mail = "zhao.li-" + daughter + "@linli.test";
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("purpose", "FAMILY_ACCESS"))
                .when().post("/communities/{c}/residents/{id}/consents", code, circle.elder()).then().statusCode(201);
        String link = given().auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("memberId", daughter.toString(), "relationship", "女儿", "purposes", List.of("CARE_ALERTS")))
                .when().post("/communities/{c}/residents/{id}/family-links", code, circle.elder())
                .then().statusCode(201).extract().path("id");

        // she has said nothing yet; an address that is not one is refused; then she gives her e-mail, shown back masked
        JsonPath before = given().auth().oauth2(family).when().get("/family-links/notices").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, before.getBoolean("linked"));
        assertEquals(null, before.getString("email"));
        given().auth().oauth2(family).contentType(ContentType.JSON).body(Map.of("email", "not-an-address"))
                .when().put("/family-links/notices").then().statusCode(400);
        given().auth().oauth2(family).contentType(ContentType.JSON)
                .body(Map.of("language", "zh", "channels", List.of("email"), "email", mail))
                .when().put("/family-links/notices").then().statusCode(204);
        JsonPath mine = given().auth().oauth2(family).when().get("/family-links/notices").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("z***@linli.test", mine.getString("email"));
        assertEquals(List.of("email"), mine.getList("channels"));
        // it is hers alone: a community worker has no such page
        given().auth().oauth2(worker).when().get("/family-links/notices").then().statusCode(403);

        UUID alertId = raise(circle, AlertCause.DELIVERY_MISSED);
        MimeMessage toHer = awaitMail(mail, "【邻里】家人关怀提醒");
        String text = ((String) toHer.getContent()).strip();
        assertEquals("【邻里】您的家人赵阿姨今天送餐时无人应答，社区已收到告警并在处理，方便时请与家人联系。", text);
        for (String secret : List.of(ELDER_NAME, circle.idNumber(), circle.daughterPhone(), circle.headPhone())) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> toDaughter = notice(view(circle, alertId.toString()), "FAMILY_MEMBER", daughter.toString(),
                    "RAISED");
            assertEquals("SENT", toDaughter.get("status"));
            assertEquals("email", toDaughter.get("channel"));
        });

        // the link is revoked: the next alert tells the emergency contact and the grid head, and not her
        given().auth().oauth2(worker).when()
                .post("/communities/{c}/residents/{id}/family-links/{l}/revoke", code, circle.elder(), link)
                .then().statusCode(200);
        UUID second = raise(circle, AlertCause.WELFARE_CONCERN);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals("SENT",
                notice(view(circle, second.toString()), "GRID_HEAD", circle.head(), "RAISED").get("status")));
        assertEquals(Map.of(), notice(view(circle, second.toString()), "FAMILY_MEMBER", daughter.toString(), "RAISED"));
        assertEquals(1, mails(mail, "【邻里】家人关怀提醒").size(), "one e-mail: the first alert's");
        assertEquals(false, given().auth().oauth2(family).when().get("/family-links/notices").then().statusCode(200)
                .extract().jsonPath().getBoolean("linked"));

        // she forgets her address
        given().auth().oauth2(family).when().delete("/family-links/notices").then().statusCode(204);
        assertEquals(null, given().auth().oauth2(family).when().get("/family-links/notices").then().statusCode(200)
                .extract().jsonPath().getString("email"));
    }

    private static MimeMessage awaitMail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mails(to, subject), list -> !list.isEmpty()).get(0);
    }

    private static List<MimeMessage> mails(String to, String subject) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            boolean addressed = false;
            for (Address address : message.getAllRecipients()) {
                addressed |= address.toString().contains(to);
            }
            if (addressed && subject.equals(message.getSubject())) {
                found.add(message);
            }
        }
        return found;
    }

    /** Sets how someone is reached, as a community worker does (PUT …/notice-recipients/…). */
    private static void reach(Circle circle, String path, Map<String, Object> body) {
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(body)
                .when().put("/communities/{c}/notice-recipients" + path, circle.community().code())
                .then().statusCode(204);
    }

    @Test
    void onlyThoseWhoLookAfterSomeoneMaySayHowTheyAreReachedAndAddressesAreChecked() {
        Circle circle = circle();
        TestCommunity other = TestCommunity.create();
        String code = circle.community().code();
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(Map.of("email", "not-an-address"))
                .when().put("/communities/{c}/notice-recipients/duty-desk", code).then().statusCode(400);
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(Map.of("channels", List.of("fax")))
                .when().put("/communities/{c}/notice-recipients/grid-heads/{h}", code, circle.head()).then().statusCode(400);
        given().auth().oauth2(other.worker()).contentType(ContentType.JSON).body(Map.of("email", "a@linli.test"))
                .when().put("/communities/{c}/notice-recipients/residents/{r}/emergency-contacts/{k}", code, circle.elder(),
                        circle.contact()).then().statusCode(404);
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(Map.of("email", "a@linli.test"))
                .when().put("/communities/{c}/notice-recipients/grid-heads/{h}", code, circle.elder()).then().statusCode(404);
        given().auth().oauth2(org.linli.infra.DevTokens.as("grid-head").community(code).subject(circle.head()).mint())
                .contentType(ContentType.JSON).body(Map.of("email", "desk@linli.test"))
                .when().put("/communities/{c}/notice-recipients/duty-desk", code).then().statusCode(403);
        given().auth().oauth2(circle.community().worker()).contentType(ContentType.JSON).body(Map.of("email", "desk@linli.test"))
                .when().put("/communities/{c}/notice-recipients/duty-desk", code).then().statusCode(204);
        given().auth().oauth2(circle.community().worker())
                .when().delete("/communities/{c}/notice-recipients/duty-desk", code).then().statusCode(204);
    }
}
