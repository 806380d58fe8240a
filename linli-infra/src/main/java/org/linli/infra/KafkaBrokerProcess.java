package org.linli.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller), run as a
 * child JVM from the jars of the linli-kafka-broker module. It can be stopped and started again
 * on the same ports and log directory, which is how tests simulate a broker outage. Its state lives
 * in its directory (config, pid file), so any class loader in the JVM can {@link #attach} to it.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerProcess.class);
    private static final String CLASSPATH_RESOURCE = "linli/kafka-broker.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path config;
    private final int brokerPort;
    private final String classpath;

    private KafkaBrokerProcess(Path directory, Path config, int brokerPort, String classpath) {
        this.directory = directory;
        this.config = config;
        this.brokerPort = brokerPort;
        this.classpath = classpath;
    }

    static KafkaBrokerProcess start(Path directory) {
        return start(directory, null);
    }

    /**
     * A broker with, beside its plain listener, a listener as production has it: TLS (a self-signed certificate for
     * 127.0.0.1, made here with the JDK's keytool) and SASL/SCRAM-SHA-512 with one user. Tests point a service's
     * Kafka settings at {@link SecuredListener#bootstrapServers()} to prove every client of the service uses them.
     */
    public static SecuredListener startSecured(Path directory, String user, String password) {
        try {
            Files.createDirectories(directory);
            SecuredListener secured = SecuredListener.create(directory, FreePorts.pick(), user, password);
            KafkaBrokerProcess broker = start(directory, secured);
            return secured.on(broker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the secured Kafka broker in " + directory, e);
        }
    }

    private static KafkaBrokerProcess start(Path directory, SecuredListener secured) {
        try {
            Files.createDirectories(directory);
            int brokerPort = FreePorts.pick();
            int controllerPort = FreePorts.pick();
            Path config = writeConfig(directory, brokerPort, controllerPort, secured);
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, config, brokerPort, brokerClasspath());
            broker.formatStorage(secured);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker in " + directory, e);
        }
    }

    /** The broker that {@link #start(Path)} launched in {@code directory}, from any class loader. */
    static KafkaBrokerProcess attach(Path directory) {
        try {
            Properties config = new Properties();
            try (var in = Files.newBufferedReader(directory.resolve("server.properties"))) {
                config.load(in);
            }
            String listener = plainListener(config.getProperty("advertised.listeners"));
            int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
            return new KafkaBrokerProcess(directory, directory.resolve("server.properties"), port, brokerClasspath());
        } catch (IOException e) {
            throw new UncheckedIOException("no Kafka broker in " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public synchronized boolean isRunning() {
        return process().map(ProcessHandle::isAlive).orElse(false);
    }

    private Optional<ProcessHandle> process() {
        Path pidFile = directory.resolve("broker.pid");
        try {
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts the broker (again) on the same port and log directory, and waits until it answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        Process process = launch(List.of("org.linli.kafka.BrokerMain", config.toString()), "broker.out");
        try {
            Files.writeString(directory.resolve("broker.pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        awaitReady(process);
        LOG.infof("Kafka broker (embedded, KRaft) ready on %s in %d ms", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Stops the broker the way an outage would: the process is gone, clients cannot connect. */
    public synchronized void stop() {
        Optional<ProcessHandle> running = process().filter(ProcessHandle::isAlive);
        if (running.isEmpty()) {
            return;
        }
        ProcessHandle process = running.get();
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
        LOG.infof("Kafka broker on %s stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    /** The PLAINTEXT entry of a listener list ("PLAINTEXT://127.0.0.1:9092,SECURED://..." -> "127.0.0.1:9092"). */
    static String plainListener(String listeners) {
        for (String listener : listeners.split(",")) {
            if (listener.startsWith("PLAINTEXT://")) {
                return listener.substring("PLAINTEXT://".length());
            }
        }
        throw new IllegalStateException("no PLAINTEXT listener in " + listeners);
    }

    private void formatStorage(SecuredListener secured) {
        String clusterId = randomClusterId();
        List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId,
                "--config=" + config));
        if (secured != null) { // the SCRAM user exists from the first start (KRaft keeps credentials in its metadata)
            command.add("--add-scram=" + secured.scramCredential());
        }
        Process format = launch(command, "format.out");
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed, see " + directory.resolve("format.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(List<String> mainAndArgs, String outputFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlinli.parent.pid=" + ProcessHandle.current().pid(),
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp", classpath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(outputFile).toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + mainAndArgs.get(0), e);
        }
    }

    private void awaitReady(Process process) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                        + ", see " + directory.resolve("broker.out"));
            }
            if (!accepts(brokerPort)) {
                sleep(200);
                continue;
            }
            try (Admin admin = Admin.create(adminConfig)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka broker did not become ready within " + READY_TIMEOUT, last);
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path writeConfig(Path directory, int brokerPort, int controllerPort, SecuredListener secured)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (secured != null) {
            secured.configure(p);
        }
        p.setProperty("log.dirs", directory.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path config = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "Linli embedded Kafka broker (development and tests only)");
        }
        Files.writeString(directory.resolve("log4j2.properties"), """
                rootLogger.level = WARN
                rootLogger.appenderRef.file.ref = file
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{ISO8601} %%-5p [%%c{1}] %%m%%n
                logger.kafka.name = kafka
                logger.kafka.level = INFO
                """.formatted(directory.resolve("broker.log")));
        return config;
    }

    private static String brokerClasspath() throws IOException {
        ClassLoader loader = KafkaBrokerProcess.class.getClassLoader();
        var url = loader.getResource(CLASSPATH_RESOURCE);
        if (url == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: build linli-kafka-broker first");
        }
        String dependencies;
        try (InputStream in = url.openStream()) {
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        // the jar (or classes folder) holding the classpath file also holds BrokerMain
        String self = url.toString();
        Path home;
        try {
            if (self.startsWith("jar:")) {
                home = Path.of(new java.net.URI(self.substring(4, self.indexOf("!/"))));
            } else {
                home = Path.of(url.toURI()).getParent().getParent();
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate linli-kafka-broker from " + self, e);
        }
        return home + java.io.File.pathSeparator + dependencies;
    }

    /** 16 random bytes, base64url, as Kafka's own cluster ids; never starting with '-' (tools read that as an option). */
    private static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
