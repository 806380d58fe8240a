package org.linli.infra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the real PostgreSQL and Kafka of {@link Infrastructure}: its own database
 * ({@code linli_<service>}, init arg {@code service}) and the shared broker.
 */
public class LinliTestResource implements QuarkusTestResourceLifecycleManager {

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        if (service == null) {
            throw new IllegalArgumentException("LinliTestResource needs the init arg 'service'");
        }
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infra = Infrastructure.shared();
        PostgresEndpoint postgres = infra.postgres();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.ensureDatabase("linli_" + service),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // the infrastructure lives as long as the JVM: other test classes reuse it
    }
}
