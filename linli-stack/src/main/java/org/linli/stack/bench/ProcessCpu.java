package org.linli.stack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time used by each kind of process on this machine (the three services, Kafka, PostgreSQL, the harness), from
 * Linux /proc: a benchmark takes a snapshot before and after a measurement and prints who used the cores.
 */
final class ProcessCpu {

    private final Map<String, Long> ticks;

    private ProcessCpu(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /** Clock ticks (1/100 s) used so far, per kind of process. */
    static ProcessCpu now() {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(proc -> {
                try {
                    String cmd = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    String stat = Files.readString(proc.resolve("stat"));
                    ticks.merge(kind(cmd, stat), ticks(stat), Long::sum);
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            });
        } catch (Exception e) {
            return new ProcessCpu(Map.of());
        }
        return new ProcessCpu(ticks);
    }

    /** CPU seconds one process has used so far (-1 if it is gone). */
    static double ofProcess(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / 100.0;
        } catch (Exception gone) {
            return -1;
        }
    }

    /** User + system clock ticks from a /proc/<pid>/stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** "points-service 31.2 s, postgres 12.0 s, ..." used between {@code before} and this snapshot. */
    String since(ProcessCpu before) {
        StringBuilder used = new StringBuilder();
        ticks.forEach((who, t) -> {
            double seconds = (t - before.ticks.getOrDefault(who, 0L)) / 100.0;
            if (seconds >= 0.1) {
                used.append(used.isEmpty() ? "" : ", ").append(String.format("%s %.1f s", who, seconds));
            }
        });
        return used.toString();
    }

    private static String kind(String cmd, String stat) {
        for (String service : new String[] { "resident-service", "points-service", "canteen-service" }) {
            if (cmd.contains(service)) { // .../<service>/target/quarkus-app/quarkus-run.jar
                return service;
            }
        }
        if (cmd.contains("BrokerMain")) {
            return "kafka";
        }
        if (cmd.startsWith("postgres") || stat.contains("(postgres)")) {
            return "postgres";
        }
        return cmd.contains("org.linli.stack") ? "harness" : "other";
    }
}
