package org.linli.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    private final Infrastructure infra = Infrastructure.shared();

    @Test
    void givesEachServiceItsOwnRealPostgresDatabase() throws Exception {
        String url = infra.postgres().ensureDatabase("linli_infra_check");
        assertEquals(url, infra.postgres().ensureDatabase("linli_infra_check"), "creating twice is harmless");
        try (Connection c = DriverManager.getConnection(url, infra.postgres().username(), infra.postgres().password());
                ResultSet rows = c.createStatement().executeQuery("select current_database(), version()")) {
            assertTrue(rows.next());
            assertEquals("linli_infra_check", rows.getString(1));
            assertTrue(rows.getString(2).startsWith("PostgreSQL"), rows.getString(2));
        }
    }

    @Test
    void kafkaKeepsRecordsAcrossABrokerRestart() throws Exception {
        String topic = "infra-check-" + UUID.randomUUID();
        send(topic, "before");
        Assumptions.assumeTrue(infra.ownedBroker().isPresent(), "only an owned broker can be restarted");
        KafkaBrokerProcess broker = infra.ownedBroker().get();
        broker.stop();
        assertFalse(broker.isRunning());
        broker.start();
        assertTrue(broker.isRunning());
        send(topic, "after");
        assertEquals(List.of("before", "after"), readAll(topic, 2));
    }

    @Test
    void anotherClassLoaderAttachesToTheSameInfrastructure() throws Exception {
        assertEquals(infra.kafkaBootstrapServers(), System.getProperty("linli.infra.kafka"));
        assertEquals(infra.mode(), System.getProperty("linli.infra.mode"));
    }

    private void send(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        }
    }

    private List<String> readAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
