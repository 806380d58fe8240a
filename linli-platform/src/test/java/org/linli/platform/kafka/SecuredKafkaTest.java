package org.linli.platform.kafka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.linli.infra.KafkaBrokerProcess;
import org.linli.infra.SecuredListener;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.testapp.SecuredChannelEcho;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A service on a broker secured as production's (deploy/kubernetes: TLS with SCRAM-SHA-512, the only listener): given
 * the {@code kafka.*} settings the Deployments set, the outbox relay publishes, a SmallRye channel consumes and the
 * health check reaches the broker, all through the secured listener. The broker here is its own (not the tests' shared
 * one), so an event found on it came through that listener; a client without the password is refused there.
 */
@QuarkusTest
@TestProfile(SecuredKafkaTest.OnASecuredBroker.class)
class SecuredKafkaTest {

    static final String TOPIC = "linli.platform-test.secured";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    SecuredChannelEcho echo;

    @Test
    void theRelayPublishesThroughTheSecuredListener() {
        String key = "secured-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(new OutgoingEvent(TOPIC, "test.secured.v1", key,
                "secured/" + key, "changshan-garden", Map.of("n", 1))));
        try (KafkaConsumer<String, String> consumer = plainConsumer()) {
            consumer.subscribe(List.of(TOPIC));
            Awaitility.await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(key)) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void aChannelConsumesThroughTheSecuredListener() throws Exception {
        String key = "channel-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                Broker.secured().broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(SecuredChannelEcho.TOPIC, key, "{}")).get(10, TimeUnit.SECONDS);
        }
        Awaitility.await().atMost(PATIENCE).until(() -> echo.keys().contains(key));
    }

    @Test
    void theHealthCheckReachesTheSecuredBroker() {
        // the Kafka check is a startup and wellness check (an outage does not make a started service unready)
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1));
    }

    @Test
    void theSecuredListenerRefusesAWrongPassword() {
        Map<String, Object> wrong = new HashMap<>();
        Broker.secured().clientSettings("not-the-password")
                .forEach((name, value) -> wrong.put(name.substring("kafka.".length()), value));
        wrong.put("request.timeout.ms", 5000);
        wrong.put("default.api.timeout.ms", 8000);
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
        }
    }

    @Test
    void theSecuredListenerRefusesAClientWithoutTls() {
        Map<String, Object> plain = Map.of("bootstrap.servers", Broker.secured().bootstrapServers(),
                "request.timeout.ms", 3000, "default.api.timeout.ms", 5000);
        try (Admin admin = Admin.create(plain)) {
            assertThrows(Exception.class, () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
        }
    }

    private static KafkaConsumer<String, String> plainConsumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", Broker.secured().broker().bootstrapServers(),
                "group.id", "secured-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }

    /** The service's Kafka settings: the secured listener only, as deploy/kubernetes gives them. */
    public static class OnASecuredBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Broker.secured().clientSettings();
        }
    }

    /**
     * One secured broker for this class, in its own directory, stopped with the JVM. The profile and the tests may run
     * in different class loaders: the directory, in a system property, is what they share.
     */
    static final class Broker {
        private static final String DIRECTORY = "linli.test.secured-kafka.dir";

        static synchronized SecuredListener secured() {
            String known = System.getProperty(DIRECTORY);
            if (known != null) {
                return SecuredListener.attach(Path.of(known));
            }
            try {
                Path directory = Files.createTempDirectory("linli-secured-kafka-");
                SecuredListener secured = KafkaBrokerProcess.startSecured(directory, "platform-test",
                        UUID.randomUUID().toString());
                KafkaBrokerProcess broker = secured.broker();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
                System.setProperty(DIRECTORY, directory.toString());
                return secured;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
