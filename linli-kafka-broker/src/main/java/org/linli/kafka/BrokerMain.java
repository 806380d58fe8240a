package org.linli.kafka;

import java.util.Optional;

/**
 * Runs a real Kafka broker (kafka.Kafka) in a child JVM and ties its life to the process that
 * launched it ({@code -Dlinli.parent.pid}): when that process dies, even by SIGKILL, the broker
 * shuts down cleanly instead of lingering as an orphan holding ports and files.
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
