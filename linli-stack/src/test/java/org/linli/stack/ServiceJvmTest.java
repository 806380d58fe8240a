package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which installed JDK the services get when none is named: the newest real one, never a directory that only looks like one. */
class ServiceJvmTest {

    @TempDir
    Path jvms;

    @Test
    void theNewestInstalledJdkIsChosenAndBrokenOnesAreSkipped() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-25-jdk-amd64", "25.0.3");
        jdk("temurin-21-jdk-amd64", "21.0.8");
        Files.createDirectories(jvms.resolve("jdk-99-without-java")); // no bin/java
        Files.writeString(jvms.resolve("jdk-99-without-java/release"), "JAVA_VERSION=\"99\"\n");

        ServiceJvm chosen = ServiceJvm.newestInstalled(jvms).orElseThrow();

        assertEquals(25, chosen.feature());
        assertEquals(jvms.resolve("temurin-25-jdk-amd64").toAbsolutePath(), chosen.javaHome());
    }

    @Test
    void aMachineWithoutInstalledJdksHasNone() {
        assertTrue(ServiceJvm.newestInstalled(jvms.resolve("absent")).isEmpty());
        assertTrue(ServiceJvm.newestInstalled(jvms).isEmpty());
    }

    private void jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jvms.resolve(name).resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
}
