package org.linli.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Every Kafka client of a service reaches the broker the same way, whether the settings came as properties or env. */
class KafkaConnectionTest {

    @Test
    void aClusterWithTlsAndScramIsReachedWithTheSameSettingsByEveryClient() {
        Map<String, String> config = Map.of(
                "bootstrap.servers", "linli-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/linli/kafka-ca/ca.crt",
                "auto.offset.reset", "earliest");
        List<String> names = List.of("kafka.bootstrap.servers", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                "KAFKA_SASL_JAAS_CONFIG", "kafka.ssl.truststore.location", "kafka.auto.offset.reset", "KAFKA_HEAP_OPTS",
                "mp.messaging.incoming.events.topic", "quarkus.http.port");
        KafkaConnection connection = new KafkaConnection(
                KafkaConnection.shared(names, key -> Optional.ofNullable(config.get(key))));

        assertEquals(Map.of("bootstrap.servers", "linli-kafka-bootstrap:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/linli/kafka-ca/ca.crt"), connection.settings(),
                "a consumer's own tuning and unrelated KAFKA_ variables are not shared");
        Map<String, Object> relay = connection.with(Map.of("acks", "all", "client.id", "outbox-relay-1"));
        assertEquals("SASL_SSL", relay.get("security.protocol"));
        assertEquals("all", relay.get("acks"));
    }

    @Test
    void aLocalBrokerWithoutSecurityNeedsOnlyItsAddress() {
        KafkaConnection connection = new KafkaConnection(KafkaConnection.shared(List.of("kafka.bootstrap.servers"),
                key -> Optional.of("localhost:9092")));
        assertEquals(Map.of("bootstrap.servers", "localhost:9092"), connection.settings());
        assertEquals("localhost:19092", connection.with(Map.of("bootstrap.servers", "localhost:19092")).get("bootstrap.servers"));
    }
}
