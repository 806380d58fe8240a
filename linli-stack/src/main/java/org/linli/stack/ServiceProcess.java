package org.linli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Linli service (its quarkus-app) running as its own JVM, as it would in production: configured
 * by environment variables, stopped with SIGTERM, or killed with SIGKILL to test a crash.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final long launchedAt;
    private long readyAfterMillis = -1;
    /** Seconds a stop may take: a training run writes its AOT cache after the JVM stopped (ServiceJvm). */
    private final int stopSeconds;

    private ServiceProcess(String name, int port, Path log, Process process, long launchedAt, int stopSeconds) {
        this.stopSeconds = stopSeconds;
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.launchedAt = launchedAt;
    }

    static ServiceProcess launch(String name, Path quarkusApp, int port, Map<String, String> environment, Path logDirectory) {
        Path runner = quarkusApp.resolve("quarkus-run.jar");
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing: build first (./mvnw install -DskipTests)");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            ServiceJvm jvm = ServiceJvm.chosen();
            List<String> aot = jvm.aotOptions(quarkusApp);
            command.add(jvm.java().toString());
            command.addAll(javaOptions());
            command.addAll(aot);
            String recordings = System.getProperty("linli.jfr-dir"); // profiling: a flight recording per service
            if (recordings != null) {
                command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + Path.of(recordings, name + ".jfr"));
            }
            command.addAll(List.of("-jar", runner.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("MALLOC_ARENA_MAX", "2"); // glibc: two malloc arenas, not 8 per core
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            long launchedAt = System.nanoTime();
            boolean training = aot.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput"));
            return new ServiceProcess(name, port, log, builder.start(), launchedAt, training ? 180 : 20);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name, e);
        }
    }

    /**
     * The JVM options of a service: the environment variable {@code LINLI_SERVICE_JAVA_OPTS} (space-separated)
     * replaces the defaults, which the startup benchmark measured (benchmarks/README.md).
     */
    public static List<String> javaOptions() {
        String configured = System.getenv("LINLI_SERVICE_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        // a small service on a small machine: one GC thread, a heap that grows from 32 MiB, and a process that ends
        // (to be restarted) rather than limps on after an OutOfMemoryError. C2 stays on: these run for days, and
        // throughput beats the 1.4 s that C1-only saves at start (benchmarks/README.md, startup)
        return List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    /** Milliseconds from launching the JVM to the first ready answer of its readiness endpoint. */
    public long readyAfterMillis() {
        return readyAfterMillis;
    }

    /** Resident set size of the service's JVM in MiB, from /proc (Linux). */
    public long residentSetMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Waits until /q/health/ready answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readyAfterMillis = (System.nanoTime() - launchedAt) / 1_000_000;
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** A crash: SIGKILL, no shutdown hooks, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(10);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(stopSeconds)) {
                kill();
            }
        }
    }

    private boolean waitForExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
