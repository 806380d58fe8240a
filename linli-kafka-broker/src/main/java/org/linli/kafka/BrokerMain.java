package org.linli.kafka;

import java.util.Optional;
import java.util.Properties;

/**
 * Runs a real Kafka broker (kafka.Kafka) in a child JVM and ties its life to the process that
 * launched it ({@code -Dlinli.parent.pid}): when that process dies, even by SIGKILL, the broker
 * shuts down cleanly instead of lingering as an orphan holding ports and files. Once it answers, it
 * creates the topics Kubernetes declares ({@link DeclaredTopics}: the same file, the same partitions
 * and retention), so tests and local runs see the topics a city runs.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<ProcessHandle> parent = Optional.ofNullable(System.getProperty("linli.parent.pid"))
                .map(Long::parseLong)
                .flatMap(ProcessHandle::of);
        parent.ifPresent(handle -> {
            Thread watchdog = new Thread(() -> exitWhenGone(handle), "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        });
        Properties config = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(args[0]))) {
            config.load(in);
        }
        // the topics are declared through the plain listener (a test broker may have a secured one beside it)
        String listener = java.util.Arrays.stream(config.getProperty("advertised.listeners").split(","))
                .filter(l -> l.startsWith("PLAINTEXT://")).findFirst().orElseThrow();
        Thread topics = new Thread(() -> DeclaredTopics.create(listener.substring("PLAINTEXT://".length())),
                "declared-topics");
        topics.setDaemon(true);
        topics.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenGone(ProcessHandle parent) {
        while (parent.isAlive()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.exit(0);
    }
}
