package org.linli.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A test broker's listener as production has it (deploy/kubernetes: Strimzi's TLS listener with SCRAM-SHA-512):
 * SASL_SSL, a certificate for 127.0.0.1 that the JDK's keytool makes, one SCRAM user. {@link #clientSettings()} are the
 * {@code kafka.*} settings a service is given to use it, the same keys the Kubernetes Deployments set.
 */
public final class SecuredListener {

    private static final String NAME = "SECURED";

    private final Path keystore;
    private final Path certificate;
    private final String keystorePassword;
    private final int port;
    private final String user;
    private final String password;
    private KafkaBrokerProcess broker;

    private SecuredListener(Path keystore, Path certificate, String keystorePassword, int port, String user,
            String password) {
        this.keystore = keystore;
        this.certificate = certificate;
        this.keystorePassword = keystorePassword;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static SecuredListener create(Path directory, int port, String user, String password) {
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("ca.crt");
        String storePassword = UUID.randomUUID().toString();
        try {
            Files.deleteIfExists(keystore);
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword);
            keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                    storePassword, "-file", certificate.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test broker's certificate", e);
        }
        Properties saved = new Properties(); // for attach, from another class loader
        saved.setProperty("port", Integer.toString(port));
        saved.setProperty("user", user);
        saved.setProperty("password", password);
        saved.setProperty("keystore.password", storePassword);
        try (var out = Files.newBufferedWriter(directory.resolve("secured-listener.properties"))) {
            saved.store(out, "the test broker's secured listener (a test's throwaway credentials)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecuredListener(keystore, certificate, storePassword, port, user, password);
    }

    /** The secured listener of the broker {@link KafkaBrokerProcess#startSecured} started in {@code directory}. */
    public static SecuredListener attach(Path directory) {
        Properties saved = new Properties();
        try (var in = Files.newBufferedReader(directory.resolve("secured-listener.properties"))) {
            saved.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no secured Kafka listener in " + directory, e);
        }
        return new SecuredListener(directory.resolve("broker.p12"), directory.resolve("ca.crt"),
                saved.getProperty("keystore.password"), Integer.parseInt(saved.getProperty("port")),
                saved.getProperty("user"), saved.getProperty("password")).on(KafkaBrokerProcess.attach(directory));
    }

    SecuredListener on(KafkaBrokerProcess broker) {
        this.broker = broker;
        return this;
    }

    /** The broker itself (its plain listener for test assertions, stop and start). */
    public KafkaBrokerProcess broker() {
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The PEM certificate a client trusts (the broker's own: self-signed). */
    public Path certificate() {
        return certificate;
    }

    /** The {@code kafka.*} settings of a service that uses this listener with {@code password}. */
    public Map<String, String> clientSettings(String password) {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";",
                "kafka.ssl.truststore.type", "PEM",
                "kafka.ssl.truststore.location", certificate.toString());
    }

    /** {@link #clientSettings(String)} with the user's real password. */
    public Map<String, String> clientSettings() {
        return clientSettings(password);
    }

    String scramCredential() {
        return "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]";
    }

    void configure(Properties p) {
        p.setProperty("listeners", p.getProperty("listeners") + "," + NAME + "://127.0.0.1:" + port);
        p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + NAME + "://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + "," + NAME
                + ":SASL_SSL");
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        String prefix = "listener.name." + NAME.toLowerCase() + ".";
        p.setProperty(prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
        p.setProperty(prefix + "ssl.keystore.location", keystore.toString());
        p.setProperty(prefix + "ssl.keystore.password", keystorePassword);
        p.setProperty(prefix + "ssl.key.password", keystorePassword);
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
