package org.linli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The JVM a service runs on, and whether it starts from an AOT cache (Project Leyden, JDK 25+).
 * <ul>
 * <li>{@code LINLI_SERVICE_JAVA_HOME} names the JDK (for example {@code /usr/lib/jvm/temurin-25-jdk-amd64}); without it
 * the services run on the JVM that launches them (JDK 17 is enough).</li>
 * <li>An AOT cache holds only classes of the JDK's own class loaders, so it is used only for a service packaged as
 * {@code aot-jar} ({@code -Dquarkus.package.jar.type=aot-jar}), on a JDK 25 or later: {@code app.aot} beside its
 * {@code quarkus-run.jar} when it is newer than the jar; with {@code LINLI_SERVICE_AOT=train} the start is a training
 * run instead, and the cache is written when the service stops (assembling it takes ~20 s after the JVM ends).</li>
 * <li>Anything else (JDK 17, a fast-jar, no cache yet) starts as before, without a word.</li>
 * </ul>
 */
public record ServiceJvm(Path javaHome, int feature) {

    static final String AOT_ENTRY_POINT = "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint";

    /** The chosen JVM: {@code LINLI_SERVICE_JAVA_HOME}, else this one. */
    public static ServiceJvm chosen() {
        String configured = System.getenv("LINLI_SERVICE_JAVA_HOME");
        if (configured == null || configured.isBlank()) {
            return new ServiceJvm(Path.of(System.getProperty("java.home")), Runtime.version().feature());
        }
        Path home = Path.of(configured);
        return new ServiceJvm(home, featureOf(home));
    }

    public Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The AOT cache options for the service in {@code quarkusApp} (none where no cache can help). */
    public List<String> aotOptions(Path quarkusApp) {
        if (feature < 25 || !isAotJar(quarkusApp.resolve("quarkus-run.jar"))) {
            return List.of();
        }
        Path cache = quarkusApp.resolve("app.aot");
        if ("train".equals(System.getenv("LINLI_SERVICE_AOT"))) {
            return List.of("-XX:AOTCacheOutput=" + cache);
        }
        try {
            if (Files.exists(cache) && Files.getLastModifiedTime(cache)
                    .compareTo(Files.getLastModifiedTime(quarkusApp.resolve("quarkus-run.jar"))) > 0) {
                return List.of("-XX:AOTCache=" + cache);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of();
    }

    /** "Temurin-25.0.3+9 (AOT cache)" and the like, for a benchmark's header. */
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
