package org.linli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The JVM a service runs on, and whether it starts from an AOT cache (Project Leyden, JDK 25+).
 * <ul>
 * <li>{@code LINLI_SERVICE_JAVA_HOME} names the JDK (for example {@code /usr/lib/jvm/temurin-25-jdk-amd64}, or a JDK 17
 * to measure the fallback); without it the newest JDK 25 or later in {@code /usr/lib/jvm} is taken, and where there is
 * none the JVM that launches the services (JDK 17 is enough).</li>
 * <li>An AOT cache holds only classes of the JDK's own class loaders, so it is used only for a service packaged as
 * {@code aot-jar} (the build's default, which runs on JDK 17 as well), on a JDK 25 or later: {@code app.aot} beside its
 * {@code quarkus-run.jar} when it is newer than the jar (the JVM refuses a cache of other jars anyway).
 * {@code LINLI_SERVICE_AOT} says what to do about it: unset, a fresh cache is used and a missing or stale one is
 * not made; {@code auto} (the run command) makes a missing or stale one by training on this run: the JVM records what
 * the service loads and writes the cache when it stops (~20 s after the JVM ends, so a stop waits for it);
 * {@code train} always trains; {@code off} never uses one. A cache is mapped at the address it was written for
 * ({@code ArchiveRelocationMode=0}; the JDK's default moves it to a random one and rewrites its pointers): its pages
 * then stay the file's, clean and shared, instead of ~60 MiB of each process's private memory (benchmarks/README.md;
 * the JVM still moves it when that address is taken).</li>
 * <li>Anything else (JDK 17, a fast-jar) starts as before, without a word.</li>
 * </ul>
 */
public record ServiceJvm(Path javaHome, int feature) {

    static final String AOT_ENTRY_POINT = "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint";

    /** Where Debian (and Temurin's packages) install JDKs. */
    static final Path INSTALLED_JDKS = Path.of("/usr/lib/jvm");

    /** The chosen JVM: {@code LINLI_SERVICE_JAVA_HOME}, else the newest installed JDK 25+, else this one. */
    public static ServiceJvm chosen() {
        String configured = System.getenv("LINLI_SERVICE_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return new ServiceJvm(home, featureOf(home));
        }
        ServiceJvm current = new ServiceJvm(Path.of(System.getProperty("java.home")), Runtime.version().feature());
        return current.feature() >= 25 ? current : newestInstalled(INSTALLED_JDKS).filter(j -> j.feature() >= 25).orElse(current);
    }

    /** The JDK of the highest feature release under {@code directory} (one with a {@code bin/java} and a release file). */
    static Optional<ServiceJvm> newestInstalled(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(directory)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .map(home -> new ServiceJvm(home.toAbsolutePath(), featureOf(home)))
                    .filter(jvm -> jvm.feature() > 0)
                    .max(Comparator.comparingInt(ServiceJvm::feature).thenComparing(jvm -> jvm.javaHome().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The AOT cache options for the service in {@code quarkusApp} (none where no cache can help). */
    public List<String> aotOptions(Path quarkusApp) {
        String mode = Optional.ofNullable(System.getenv("LINLI_SERVICE_AOT")).orElse("");
        Path runner = quarkusApp.resolve("quarkus-run.jar");
        if (mode.equals("off") || feature < 25 || !isAotJar(runner)) {
            return List.of();
        }
        Path cache = quarkusApp.resolve("app.aot");
        if (!mode.equals("train") && isFresh(cache, runner)) {
            return List.of("-XX:AOTCache=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
        }
        return mode.equals("train") || mode.equals("auto") ? List.of("-XX:AOTCacheOutput=" + cache) : List.of();
    }

    private static boolean isFresh(Path cache, Path runner) {
        try {
            return Files.exists(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(runner)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "/usr/lib/jvm/temurin-25-jdk-amd64 (Java 25, -XX:AOTCache=…/app.aot)" and the like, for a benchmark's header. */
    public String describe(Path quarkusApp) {
        List<String> aot = aotOptions(quarkusApp);
        return javaHome + " (Java " + feature + (aot.isEmpty() ? "" : ", " + aot.get(0)) + ")";
    }

    static boolean isAotJar(Path runner) {
        try (JarFile jar = new JarFile(runner.toFile())) {
            return AOT_ENTRY_POINT.equals(jar.getManifest().getMainAttributes().getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The feature release from the JDK's {@code release} file (JAVA_VERSION="25.0.3"); 0 if unreadable. */
    static int featureOf(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK we can read
        }
        return 0;
    }
}
