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
import java.util.HashMap;
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
     * replaces the defaults, which the startup benchmark measured (benchmarks/README.md); {@code LINLI_SERVICE_START=quick}
     * (the run command) picks {@link #QUICK_START} instead of {@link #LONG_RUNNING}.
     */
    public static List<String> javaOptions() {
        String configured = System.getenv("LINLI_SERVICE_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return "quick".equals(System.getenv("LINLI_SERVICE_START")) ? QUICK_START : LONG_RUNNING;
    }

    /**
     * Tests and benchmarks: a small service on a small machine: one GC thread, a heap that grows from 32 MiB, and a
     * process that ends (to be restarted) rather than limps on after an OutOfMemoryError. C2 stays on: throughput under
     * load is what these measure.
     */
    static final List<String> LONG_RUNNING = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The run command on a laptop: ready sooner and smaller. C1 only (C2's compiler threads were a second of every
     * start on two cores, and ~30 MiB of code cache), a heap of at most 128 MiB given back to the system when it
     * empties (free ratios 10-20%), half-size thread stacks (512 KiB: Quarkus's worker threads are shallow). Measured
     * with ./linli bench startup (benchmarks/README.md, issue 17).
     */
    static final List<String> QUICK_START = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx128m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
            "-XX:+ExitOnOutOfMemoryError");

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

    /** Resident set size of the service's JVM in MiB, from /proc (Linux); -1 where /proc cannot tell. */
    public long residentSetMiB() {
        return memory().rss();
    }

    /** The service JVM's resident memory, all of it and split (see {@link Memory}). */
    public Memory memory() {
        return Memory.of(process.pid());
    }

    /**
     * A process's resident memory in MiB, split as Linux counts it ({@code /proc/<pid>/status}): private (anonymous:
     * heap, metaspace, code, threads, malloc, and on JDK 25+ the AOT cache, which is mapped privately) and mapped files
     * (the JDK's modules and jars: clean pages shared with other processes). -1 where /proc cannot tell.
     */
    public record Memory(long rss, long anonymous, long files) {

        public static Memory of(long pid) {
            Map<String, Long> mib = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    int colon = line.indexOf(':');
                    if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                        mib.put(line.substring(0, colon), Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or the process is gone
            }
            return new Memory(mib.getOrDefault("VmRSS", -1L), mib.getOrDefault("RssAnon", -1L),
                    mib.getOrDefault("RssFile", -1L));
        }

        @Override
        public String toString() {
            return rss + " MiB (" + anonymous + " private + " + files + " files)";
        }
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

    /** Asks the JVM to stop (SIGTERM) without waiting for it: a stack's services stop together. */
    void signalStop() {
        if (process.isAlive()) {
            process.destroy();
        }
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
