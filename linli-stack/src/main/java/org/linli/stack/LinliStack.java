package org.linli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.linli.infra.FreePorts;
import org.linli.infra.Infrastructure;
import org.linli.infra.PostgresEndpoint;

/**
 * The whole system on one machine: the real PostgreSQL and Kafka of {@link Infrastructure} and the four
 * packaged services, each its own JVM with its own database. The run command and the end-to-end tests both
 * start it this way.
 */
public final class LinliStack implements AutoCloseable {

    /** The services, in start order, with the port each takes in a local run. */
    public static final List<String> SERVICES = List.of("resident-service", "points-service", "canteen-service",
            "dashboard-service");
    /**
     * The neighbourhood app (a backend-for-frontend and its web pages), started after the services it calls, on the port
     * after theirs (8085 in a local run). It has no database and reads no topic.
     */
    public static final String APP = "neighbourhood-app";
    /**
     * The partners' one door (webhooks out, signed alarms in), started with the app, on the port after it (8086 in a
     * local run); database linli_partner.
     */
    public static final String GATEWAY = "partner-gateway";
    /** The services that publish events (through their outbox); dashboard-service only reads. */
    public static final List<String> PUBLISHERS = List.of("resident-service", "points-service", "canteen-service");
    /**
     * The communities' time zone, China Standard Time (the services' own default {@code linli.time-zone}): the day a
     * lunch is for, the month a report covers, the morning a service was done. The stack's one copy of it.
     */
    public static final ZoneId COMMUNITY_TIME = ZoneId.of("Asia/Shanghai");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Infrastructure infrastructure;
    private final Map<String, ServiceProcess> services;
    private final Path home;
    private final Path logDirectory;
    private final Map<String, Map<String, String>> settings;
    private final LocalMailbox mailbox;

    private LinliStack(Infrastructure infrastructure, Map<String, ServiceProcess> services, Path home, Path logDirectory,
            Map<String, Map<String, String>> settings, LocalMailbox mailbox) {
        this.infrastructure = infrastructure;
        this.mailbox = mailbox;
        this.services = services;
        this.home = home;
        this.logDirectory = logDirectory;
        this.settings = settings;
    }

    /**
     * Starts the infrastructure and the services. {@code basePort} 0 picks free ports (tests); otherwise the
     * services take basePort+1, +2, +3, +4 (8081-8084 for a local run).
     */
    public static LinliStack start(Path home, int basePort, Path logDirectory) {
        return start(home, basePort, logDirectory, Map.of());
    }

    /**
     * As {@link #start(Path, int, Path)}, with settings of some services changed by environment variables (the end-to-end
     * tests shorten the care-alert escalation from 15 minutes to seconds, as a deployment could).
     */
    public static LinliStack start(Path home, int basePort, Path logDirectory, Map<String, Map<String, String>> given) {
        Infrastructure infrastructure = Infrastructure.shared();
        // care-alert e-mails go to a real SMTP server on this machine, shown on a page (8089 in a local run)
        LocalMailbox mailbox = LocalMailbox.start(basePort == 0 ? 0 : basePort + 10, basePort == 0 ? 0 : basePort + 9);
        Map<String, Map<String, String>> settings = withMailbox(given, mailbox);
        Map<String, ServiceProcess> services = new HashMap<>();
        List<ServiceProcess> launched = new ArrayList<>();
        try {
            for (int i = 0; i < SERVICES.size(); i++) {
                String name = SERVICES.get(i);
                int port = basePort == 0 ? FreePorts.pick() : basePort + i + 1;
                ServiceProcess service = ServiceProcess.launch(name, home.resolve(name).resolve("target/quarkus-app"), port,
                        environment(infrastructure, name, settings), logDirectory);
                launched.add(service);
                services.put(name, service);
            }
            int appPort = basePort == 0 ? FreePorts.pick() : basePort + SERVICES.size() + 1;
            ServiceProcess app = ServiceProcess.launch(APP, home.resolve(APP).resolve("target/quarkus-app"), appPort,
                    appEnvironment(services, settings), logDirectory);
            launched.add(app);
            services.put(APP, app);
            int gatewayPort = basePort == 0 ? FreePorts.pick() : basePort + SERVICES.size() + 2;
            ServiceProcess gateway = ServiceProcess.launch(GATEWAY, home.resolve(GATEWAY).resolve("target/quarkus-app"),
                    gatewayPort, gatewayEnvironment(infrastructure, services, settings), logDirectory);
            launched.add(gateway);
            services.put(GATEWAY, gateway);
            for (ServiceProcess service : launched) { // they start in parallel; wait for each
                service.awaitReady(READY_TIMEOUT);
            }
            LinliStack stack = new LinliStack(infrastructure, services, home, logDirectory, settings, mailbox);
            infrastructure.beforeStop(stack::close); // Ctrl-C or SIGTERM: no service JVM outlives the run
            return stack;
        } catch (RuntimeException e) {
            launched.forEach(ServiceProcess::close);
            mailbox.close();
            throw e;
        }
    }

    public ServiceProcess service(String name) {
        return Optional.ofNullable(services.get(name)).orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Starts a service again on its port (after a crash) and waits until it is ready. */
    public ServiceProcess relaunch(String name) {
        ServiceProcess old = service(name);
        old.close();
        ServiceProcess fresh = ServiceProcess.launch(name, home.resolve(name).resolve("target/quarkus-app"),
                old.baseUri().getPort(), name.equals(APP) ? appEnvironment(services, settings)
                        : name.equals(GATEWAY) ? gatewayEnvironment(infrastructure, services, settings)
                        : environment(infrastructure, name, settings), logDirectory);
        services.put(name, fresh);
        return fresh.awaitReady(READY_TIMEOUT);
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** The local mailbox care-alert e-mails arrive in. */
    public LocalMailbox mailbox() {
        return mailbox;
    }

    /** resident-service sends e-mail notices to the local mailbox (settings given for it still win). */
    private static Map<String, Map<String, String>> withMailbox(Map<String, Map<String, String>> given, LocalMailbox mailbox) {
        Map<String, Map<String, String>> settings = new HashMap<>(given);
        Map<String, String> resident = new HashMap<>();
        resident.put("LINLI_NOTICES_EMAIL_ENABLED", "true");
        resident.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        resident.put("QUARKUS_MAILER_PORT", String.valueOf(mailbox.smtpPort()));
        resident.put("QUARKUS_MAILER_FROM", "linli-notices@localhost");
        resident.put("QUARKUS_MAILER_MOCK", "false");
        resident.putAll(given.getOrDefault("resident-service", Map.of()));
        settings.put("resident-service", resident);
        // the gateway's notice to a partner whose webhooks it paused lands in the same mailbox
        Map<String, String> gateway = new HashMap<>();
        gateway.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        gateway.put("QUARKUS_MAILER_PORT", String.valueOf(mailbox.smtpPort()));
        gateway.put("QUARKUS_MAILER_FROM", "linli-partners@localhost");
        gateway.put("QUARKUS_MAILER_MOCK", "false");
        gateway.putAll(given.getOrDefault(GATEWAY, Map.of()));
        settings.put(GATEWAY, gateway);
        return settings;
    }

    private static Map<String, String> environment(Infrastructure infrastructure, String service,
            Map<String, Map<String, String>> settings) {
        PostgresEndpoint postgres = infrastructure.postgres();
        String database = "linli_" + service.replace("-service", "").replace("-gateway", "");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.ensureDatabase(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        // the "local" profile trusts the DEVELOPMENT keys (JWT, personal-data encryption): local runs and tests only
        env.put("QUARKUS_PROFILE", "prod,local");
        env.putAll(settings.getOrDefault(service, Map.of()));
        return env;
    }

    /**
     * The gateway has its own database and topics, and calls resident-service for the alarms partners send and
     * canteen-service for the meal reports canteen operators send.
     */
    private static Map<String, String> gatewayEnvironment(Infrastructure infrastructure, Map<String, ServiceProcess> services,
            Map<String, Map<String, String>> settings) {
        Map<String, String> env = new HashMap<>(environment(infrastructure, GATEWAY, Map.of()));
        env.put("LINLI_PARTNER_RESIDENT_URL", services.get("resident-service").baseUri().toString());
        env.put("LINLI_PARTNER_CANTEEN_URL", services.get("canteen-service").baseUri().toString());
        env.putAll(settings.getOrDefault(GATEWAY, Map.of()));
        return env;
    }

    /** The app calls the three services where they run; the local profile turns its development sign-in on. */
    private static Map<String, String> appEnvironment(Map<String, ServiceProcess> services,
            Map<String, Map<String, String>> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("LINLI_RESIDENT_URL", services.get("resident-service").baseUri().toString());
        env.put("LINLI_POINTS_URL", services.get("points-service").baseUri().toString());
        env.put("LINLI_CANTEEN_URL", services.get("canteen-service").baseUri().toString());
        env.put("QUARKUS_PROFILE", "prod,local");
        env.putAll(settings.getOrDefault(APP, Map.of()));
        return env;
    }

    /** The repository root: {@code -Dlinli.home}, else the nearest folder upwards that holds mvnw and the services. */
    public static Path home() {
        String configured = System.getProperty("linli.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("resident-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Linli checkout; run from inside it or set -Dlinli.home");
    }


    @Override
    public void close() {
        services.values().forEach(ServiceProcess::signalStop); // together: each may write its AOT cache on the way out
        services.values().forEach(ServiceProcess::close);
        mailbox.close();
    }
}
