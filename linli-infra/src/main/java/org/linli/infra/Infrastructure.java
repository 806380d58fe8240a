package org.linli.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A real PostgreSQL and a real Kafka broker for tests and local runs, chosen in this order:
 * <ol>
 * <li>{@code LINLI_POSTGRES_HOST} and {@code LINLI_KAFKA_BOOTSTRAP_SERVERS} set: use them (a real cluster, CI
 * service containers);</li>
 * <li>a Docker engine answers: Testcontainers;</li>
 * <li>otherwise embedded: PostgreSQL binaries from Maven Central and a KRaft broker in a child JVM.</li>
 * </ol>
 * {@code LINLI_INFRA=external|docker|embedded} forces a choice. One instance per JVM, started on first use,
 * stopped when the JVM exits. Quarkus tests load classes in more than one class loader, so the started
 * infrastructure is announced in system properties and later callers attach to it instead of starting another.
 */
public final class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class);
    private static final String P_MODE = "linli.infra.mode";
    private static final String P_POSTGRES = "linli.infra.postgres";
    private static final String P_KAFKA = "linli.infra.kafka";
    private static final String P_BROKER_DIR = "linli.infra.kafka.dir";
    private static Infrastructure shared;

    private final String mode;
    private final PostgresEndpoint postgres;
    private final String kafkaBootstrapServers;
    private final KafkaBrokerProcess broker;
    private final AutoCloseable owned;
    private final java.util.List<Runnable> beforeStop = new java.util.ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Infrastructure(String mode, PostgresEndpoint postgres, String kafkaBootstrapServers,
            KafkaBrokerProcess broker, AutoCloseable owned) {
        this.mode = mode;
        this.postgres = postgres;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.broker = broker;
        this.owned = owned;
    }

    /** The JVM's infrastructure, started on first call. */
    public static Infrastructure shared() {
        synchronized (System.getProperties()) { // a lock every class loader of this JVM shares
            if (shared == null) {
                shared = attach().orElseGet(() -> {
                    Infrastructure started = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "linli-infra-stop"));
                    started.announce();
                    return started;
                });
            }
            return shared;
        }
    }

    private void announce() {
        System.setProperty(P_MODE, mode);
        System.setProperty(P_POSTGRES, String.join("\n", postgres.host(), Integer.toString(postgres.port()),
                postgres.username(), postgres.password()));
        System.setProperty(P_KAFKA, kafkaBootstrapServers);
        if (broker != null) {
            System.setProperty(P_BROKER_DIR, broker.directory().toString());
        }
    }

    private static Optional<Infrastructure> attach() {
        String mode = System.getProperty(P_MODE);
        if (mode == null) {
            return Optional.empty();
        }
        String[] pg = System.getProperty(P_POSTGRES).split("\n", 4);
        KafkaBrokerProcess broker = Optional.ofNullable(System.getProperty(P_BROKER_DIR))
                .map(dir -> KafkaBrokerProcess.attach(Path.of(dir))).orElse(null);
        return Optional.of(new Infrastructure(mode, new PostgresEndpoint(pg[0], Integer.parseInt(pg[1]), pg[2], pg[3]),
                System.getProperty(P_KAFKA), broker, () -> {
                    // the class loader that started it stops it
                }));
    }

    private static Infrastructure start() {
        String forced = env("LINLI_INFRA").map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (forced.equals("external") || (forced.isEmpty() && env("LINLI_POSTGRES_HOST").isPresent())) {
            return external();
        }
        if (forced.equals("docker") || (forced.isEmpty() && DockerInfrastructure.dockerAnswers())) {
            return DockerInfrastructure.start();
        }
        return embedded();
    }

    private static Infrastructure external() {
        PostgresEndpoint postgres = new PostgresEndpoint(
                env("LINLI_POSTGRES_HOST").orElseThrow(() -> missing("LINLI_POSTGRES_HOST")),
                Integer.parseInt(env("LINLI_POSTGRES_PORT").orElse("5432")),
                env("LINLI_POSTGRES_USER").orElse("postgres"),
                env("LINLI_POSTGRES_PASSWORD").orElse("postgres"));
        String kafka = env("LINLI_KAFKA_BOOTSTRAP_SERVERS").orElseThrow(() -> missing("LINLI_KAFKA_BOOTSTRAP_SERVERS"));
        LOG.infof("Using external PostgreSQL %s:%d and Kafka %s", postgres.host(), postgres.port(), kafka);
        return new Infrastructure("external", postgres, kafka, null, () -> {
        });
    }

    static Infrastructure docker(PostgresEndpoint postgres, String kafka, AutoCloseable containers) {
        return new Infrastructure("docker", postgres, kafka, null, containers);
    }

    private static Infrastructure embedded() {
        Path root = workDirectory();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(root.resolve("postgres").resolve("data"));
        KafkaBrokerProcess broker;
        try {
            broker = KafkaBrokerProcess.start(root.resolve("kafka"));
        } catch (RuntimeException e) {
            postgres.close();
            deleteRecursively(root);
            throw e;
        }
        return new Infrastructure("embedded", postgres.endpoint(), broker.bootstrapServers(), broker, () -> {
            broker.close();
            postgres.close();
            deleteRecursively(root);
        });
    }

    public String mode() {
        return mode;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The broker process when this JVM owns it (embedded mode): tests stop and restart it to prove outages. */
    public Optional<KafkaBrokerProcess> ownedBroker() {
        return Optional.ofNullable(broker);
    }

    /** Runs {@code task} when this infrastructure stops (also on Ctrl-C), before PostgreSQL and Kafka go. */
    public void beforeStop(Runnable task) {
        synchronized (beforeStop) {
            beforeStop.add(task);
        }
    }

    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (beforeStop) {
            for (Runnable task : beforeStop) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a stop task failed", e);
                }
            }
        }
        try {
            owned.close();
        } catch (Exception e) {
            LOG.warn("infrastructure did not stop cleanly", e);
        }
    }

    private static Path workDirectory() {
        try {
            Path base = env("LINLI_INFRA_DIR").map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "linli-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", root, e.getMessage());
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(name + " must be set for external infrastructure");
    }
}
