package org.linli.platform.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.linli.platform.kafka.KafkaConnection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import io.smallrye.health.api.Wellness;

/**
 * Whether the Kafka cluster answers. A service must reach Kafka to start; once started, a broker outage
 * does not make it unready: the outbox holds outgoing events and the service keeps serving (the canteen
 * never closes). So this check is a startup check and a wellness check, not a readiness check.
 */
@Startup
@Wellness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private final Admin admin;

    KafkaHealthCheck(KafkaConnection kafka) {
        this.admin = Admin.create(kafka.with(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2500)));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
