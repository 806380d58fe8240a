package org.linli.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.infra.Infrastructure;
import org.linli.infra.KafkaBrokerProcess;
import org.linli.infra.TopicProbe;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.operations.OperatorAction;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay against a real broker that refuses, and one that goes away: a refused event is parked after
 * {@value OutboxRelay#ATTEMPTS_BEFORE_PARKING} attempts and shows in health and metrics while other events flow; the
 * later events of its aggregate wait behind it, parked or not; an outage delays events and counts against none.
 */
@QuarkusTest
class OutboxRelayTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** An ordinary topic, for the events that must keep flowing. */
    static final String FLOWING = "linli.platform-test.flowing";
    /** A topic's limit for one record batch, in bytes, well under {@link #BIG}. */
    static final int SMALL_LIMIT = 4096;
    /** A payload larger than {@link #SMALL_LIMIT} (and than the producer's batch, so it travels alone). */
    static final String BIG = "x".repeat(20_000);

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private final List<String> keys = new ArrayList<>();

    /** Leaves the outbox healthy for the next test: what a test parked or held back goes. */
    @AfterEach
    void forgetUnpublished() {
        QuarkusTransaction.requiringNew().run(() -> keys.forEach(
                key -> OutboxEvent.delete("recordKey = ?1 and publishedAt is null", key)));
    }

    @Test
    void anEventTheBrokerKeepsRefusingIsParkedWhileOtherEventsFlow() {
        String topic = smallRecordsTopic();
        String refused = key("refused");
        String other = key("other");
        String later = key("later");
        double parkedBefore = counter("linli.outbox.parked");
        try (TopicProbe flowing = TopicProbe.tail(FLOWING)) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> {
                UUID big = outbox.publish(numbered(topic, refused, 0, BIG));
                outbox.publish(numbered(FLOWING, other, 0, ""));
                return big;
            });
            flowing.await(r -> other.equals(r.key()), 1, PATIENCE);

            Awaitility.await().atMost(PATIENCE).until(() -> row(id).parkedAt != null);
            OutboxEvent parked = row(id);
            assertEquals(OutboxRelay.ATTEMPTS_BEFORE_PARKING, parked.attempts, "parked at its fifth refusal, not before");
            assertNull(parked.publishedAt);

            QuarkusTransaction.requiringNew().run(() -> outbox.publish(numbered(FLOWING, later, 0, "")));
            flowing.await(r -> later.equals(r.key()), 1, PATIENCE);
        }
        given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'outbox' }.status", is("DOWN"))
                .body("checks.find { it.name == 'outbox' }.data.parked", greaterThanOrEqualTo(1));
        assertEquals(parkedBefore + 1, counter("linli.outbox.parked"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("linli_outbox_parked_total"));
    }

    @Test
    void laterEventsOfARefusedEventsAggregateWaitBehindItUntilAnOperatorRetriesIt() {
        String topic = smallRecordsTopic();
        String aggregate = key("aggregate");
        String other = key("other");
        String later = key("later");
        try (TopicProbe events = TopicProbe.tail(topic); TopicProbe flowing = TopicProbe.tail(FLOWING)) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> List.of(
                    outbox.publish(numbered(topic, aggregate, 0, BIG)),
                    outbox.publish(numbered(topic, aggregate, 1, "")),
                    outbox.publish(numbered(FLOWING, other, 0, ""))));
            flowing.await(r -> other.equals(r.key()), 1, PATIENCE);
            Awaitility.await().atMost(PATIENCE).until(() -> row(ids.get(0)).parkedAt != null);

            QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(numbered(topic, aggregate, 2, ""));
                outbox.publish(numbered(FLOWING, later, 0, ""));
            });
            flowing.await(r -> later.equals(r.key()), 1, PATIENCE);
            OutboxEvent second = row(ids.get(1));
            assertNull(second.publishedAt, "the aggregate's next event waits");
            assertNull(second.parkedAt, "it is not refused itself");
            assertEquals(0, second.attempts, "it was never sent");
            given().when().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.data.heldBehindParked", greaterThanOrEqualTo(2));
            assertTrue(events.during(Duration.ofSeconds(1), r -> aggregate.equals(r.key())).isEmpty(),
                    "nothing of the aggregate went ahead of its refused event");

            // the operator sees it, cures the cause, then retries the parked event with a reason
            String operator = DevTokens.as("operator").subject("ops-wang").mint();
            given().auth().oauth2(operator).get("/admin/outbox/parked").then().statusCode(200)
                    .body("find { it.id == '" + ids.get(0) + "' }.heldBehind", is(2))
                    .body("find { it.id == '" + ids.get(0) + "' }.attempts", is(OutboxRelay.ATTEMPTS_BEFORE_PARKING));
            given().auth().oauth2(DevTokens.as("community-worker").mint()).get("/admin/outbox/parked").then().statusCode(403);
            given().auth().oauth2(operator).contentType("application/json").body("{\"reason\":\"\"}")
                    .post("/admin/outbox/parked/" + ids.get(0) + "/retry").then().statusCode(400);
            allowLargeRecords(topic);
            given().auth().oauth2(operator).contentType("application/json").body("{\"reason\":\"topic limit raised (INC-17)\"}")
                    .post("/admin/outbox/parked/" + ids.get(0) + "/retry").then().statusCode(204);
            given().auth().oauth2(operator).contentType("application/json").body("{\"reason\":\"twice\"}")
                    .post("/admin/outbox/parked/" + ids.get(0) + "/retry").then().statusCode(409);

            List<Integer> order = events.await(r -> aggregate.equals(r.key()), 3, PATIENCE).stream()
                    .map(r -> CloudEvent.parse(r.value(), mapper).data().get("n").asInt()).toList();
            assertEquals(List.of(0, 1, 2), order, "the aggregate's events arrive once each, in the order written");
            OperatorAction retried = QuarkusTransaction.requiringNew().call(() -> OperatorAction
                    .<OperatorAction>find("target", ids.get(0).toString()).singleResult());
            assertEquals("ops-wang", retried.operator);
            assertEquals("outbox.retry", retried.action);
            assertEquals("topic limit raised (INC-17)", retried.reason);
        }
    }

    @Test
    void aDiscardedParkedEventIsNeverSentAndItsAggregatesLaterEventsGoOn() {
        String topic = smallRecordsTopic();
        String aggregate = key("discarded");
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> List.of(
                outbox.publish(numbered(topic, aggregate, 0, BIG)),
                outbox.publish(numbered(topic, aggregate, 1, ""))));
        try (TopicProbe events = TopicProbe.tail(topic)) {
            Awaitility.await().atMost(PATIENCE).until(() -> row(ids.get(0)).parkedAt != null);
            given().auth().oauth2(DevTokens.as("operator").subject("ops-wang").mint()).contentType("application/json")
                    .body("{\"reason\":\"a test record that must never leave\"}")
                    .post("/admin/outbox/parked/" + ids.get(0) + "/discard").then().statusCode(204);
            List<Integer> sent = events.await(r -> aggregate.equals(r.key()), 1, PATIENCE).stream()
                    .map(r -> CloudEvent.parse(r.value(), mapper).data().get("n").asInt()).toList();
            assertEquals(List.of(1), sent, "the later event went; the discarded one never did");
            assertTrue(events.during(Duration.ofSeconds(1), r -> aggregate.equals(r.key())
                    && CloudEvent.parse(r.value(), mapper).data().get("n").asInt() == 0).isEmpty());
        }
        long discards = QuarkusTransaction.requiringNew().call(() -> OperatorAction.count("action = ?1 and target = ?2",
                "outbox.discard", ids.get(0).toString()));
        assertEquals(1, discards, "the discard is on record");
    }

    @Test
    void aPermanentRefusalIsParkedEvenWhenNothingElseIsSentAndIsNoOutage() {
        String refused = key("invalid-topic");
        double outagesBefore = counter("linli.outbox.failures");
        UUID id = QuarkusTransaction.requiringNew().call(
                () -> outbox.publish(numbered("not a valid topic!", refused, 0, "")));

        Awaitility.await().atMost(PATIENCE).until(() -> row(id).parkedAt != null);
        assertEquals(OutboxRelay.ATTEMPTS_BEFORE_PARKING, row(id).attempts);
        assertEquals(outagesBefore, counter("linli.outbox.failures"),
                "a broker that answers 'never' is up: its refusal is the event's, not an outage");
    }

    @Test
    void anEventWrittenWhileTheBrokerIsDownIsDeliveredInOrderWhenItReturns() {
        Assumptions.assumeTrue(Infrastructure.shared().ownedBroker().isPresent(), "needs a broker this JVM can stop");
        KafkaBrokerProcess broker = Infrastructure.shared().ownedBroker().get();
        String aggregate = key("outage");
        double outagesBefore = counter("linli.outbox.failures");
        try (TopicProbe flowing = TopicProbe.tail(FLOWING)) {
            List<UUID> ids = new ArrayList<>();
            broker.stop();
            try {
                for (int n = 0; n < 3; n++) {
                    int value = n;
                    ids.add(QuarkusTransaction.requiringNew().call(
                            () -> outbox.publish(numbered(FLOWING, aggregate, value, ""))));
                }
                pause(Duration.ofSeconds(2));
                for (UUID id : ids) {
                    assertNull(row(id).publishedAt, "events wait in the outbox while the broker is down");
                }
                given().when().get("/q/health/well").then()
                        .body("checks.find { it.name == 'outbox' }.data.waiting", greaterThanOrEqualTo(3))
                        .body("checks.find { it.name == 'kafka' }.status", is("DOWN"));
            } finally {
                broker.start();
            }

            List<Integer> order = flowing.await(r -> aggregate.equals(r.key()), 3, PATIENCE).stream()
                    .map(r -> CloudEvent.parse(r.value(), mapper).data().get("n").asInt()).distinct().toList();
            assertEquals(List.of(0, 1, 2), order);
            Awaitility.await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> row(id).publishedAt != null));
            for (UUID id : ids) {
                OutboxEvent row = row(id);
                assertEquals(0, row.attempts, "an outage counts against no event");
                assertNull(row.parkedAt);
            }
            assertTrue(counter("linli.outbox.failures") > outagesBefore, "the relay noticed the outage");
        }
    }

    /** A fresh topic whose record batches may not exceed {@link #SMALL_LIMIT} bytes. */
    private static String smallRecordsTopic() {
        String name = "linli.platform-test.small-records-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(SMALL_LIMIT))))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
        return name;
    }

    /** What an operator does about a record too large: raise the topic's limit (and wait until the broker applies it). */
    private static void allowLargeRecords(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String limit = Integer.toString(1024 * 1024);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", limit), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(PATIENCE).until(() -> limit.equals(admin.describeConfigs(List.of(resource)).all()
                    .get(10, TimeUnit.SECONDS).get(resource).get("max.message.bytes").value()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot raise the limit of " + topic, e);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()));
    }

    private String key(String what) {
        String key = what + "-" + UUID.randomUUID();
        keys.add(key);
        return key;
    }

    private static OutgoingEvent numbered(String topic, String key, int n, String padding) {
        return new OutgoingEvent(topic, "test.numbered.v1", key, "numbered/" + key, "changshan-garden",
                Map.of("n", n, "padding", padding));
    }

    private static OutboxEvent row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find("id", id).firstResult());
    }

    private double counter(String name) {
        return registry.counter(name).count();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
