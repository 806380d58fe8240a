package org.linli.platform.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * How this service reaches Kafka: the bootstrap servers and the security settings (TLS, SASL) that every client of
 * the service shares — the SmallRye channels, the outbox relay, the health check, a rebuild's own consumer. They are
 * the {@code kafka.*} properties the channels read, also given as environment variables
 * ({@code KAFKA_SECURITY_PROTOCOL} is {@code security.protocol}, {@code KAFKA_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}), so a deployment sets them once. Only {@code bootstrap.servers} and the {@code security.},
 * {@code sasl.} and {@code ssl.} settings are shared; a client's own tuning stays its own.
 */
@ApplicationScoped
public class KafkaConnection {

    private static final String[] SHARED = { "security.", "sasl.", "ssl." };

    private final Map<String, Object> settings;

    @Inject
    KafkaConnection(Config config) {
        this(shared(config.getPropertyNames(), key -> config.getOptionalValue("kafka." + key, String.class)));
    }

    KafkaConnection(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The shared settings with a client's own added (its own win where both name a setting). */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> all = new TreeMap<>(settings);
        all.putAll(own);
        return all;
    }

    /** The shared settings alone (bootstrap servers and security). */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * The shared settings among the configuration's property names, each read through {@code value} (given the Kafka
     * name, e.g. {@code security.protocol}), so that the configuration's own precedence decides between a property
     * and an environment variable.
     */
    static Map<String, Object> shared(Iterable<String> propertyNames, Function<String, Optional<String>> value) {
        Map<String, Object> found = new TreeMap<>();
        for (String name : propertyNames) {
            String key = kafkaKey(name);
            if (key != null && isShared(key)) {
                value.apply(key).filter(v -> !v.isBlank()).ifPresent(v -> found.put(key, v));
            }
        }
        return found;
    }

    private static String kafkaKey(String propertyName) {
        if (propertyName.startsWith("kafka.")) {
            return propertyName.substring("kafka.".length());
        }
        if (propertyName.startsWith("KAFKA_")) {
            return propertyName.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return null;
    }

    private static boolean isShared(String key) {
        if (key.equals("bootstrap.servers")) {
            return true;
        }
        for (String prefix : SHARED) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
