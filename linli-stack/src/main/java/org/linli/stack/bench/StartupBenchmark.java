package org.linli.stack.bench;

import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linli.infra.OpenLoopLoad;
import org.linli.stack.CommunityGenerator;
import org.linli.stack.CommunityLife;
import org.linli.stack.LinliStack;
import org.linli.stack.ServiceProcess;

/**
 * Each service's time from start to ready and its memory after warm-up. The whole system starts once with
 * Changshan Garden's story (as {@code ./linli run} sets it up); then each service in turn is stopped and started
 * alone, {@code --runs} times, against the same PostgreSQL and Kafka with its schema already migrated, as a
 * restart or a new replica would be. Ready is the first 200 of {@code /q/health/ready} after the JVM was launched
 * (not Quarkus's own "started in", which it also prints). After the last start each service answers its
 * everyday reads for {@code --warm-seconds} at {@code --rate}, then its resident set size is read from /proc.
 *
 * <pre>
 * ./linli bench startup [--runs 5] [--rate 100] [--warm-seconds 30] [--services resident-service,points-service]
 * </pre>
 * The JVM options of the services are ServiceProcess's defaults, or the environment's {@code LINLI_SERVICE_JAVA_OPTS};
 * with {@code -XX:NativeMemoryTracking=summary} among them it also prints each service's native memory by kind
 * (heap, metaspace, code, threads) after the warm-up.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int rate = 100;
        int warmSeconds = 30;
        List<String> services = LinliStack.SERVICES;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--warm-seconds" -> warmSeconds = Integer.parseInt(args[i + 1]);
                case "--services" -> services = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            URI residents = stack.service("resident-service").baseUri();
            CommunityGenerator generator = new CommunityGenerator(residents, 0, CommunityGenerator.newIdSequence());
            CommunityGenerator.Story story = generator.story(generator.tree(CommunityGenerator.subdistrict(residents)));
            new CommunityLife(stack.service("points-service").baseUri(), stack.service("canteen-service").baseUri(),
                    CommunityGenerator.COMMUNITY).seed(story).forEach(line -> System.out.println("  " + line));
            System.out.println("service JVM options: " + String.join(" ", ServiceProcess.javaOptions()));
            for (String name : services) {
                System.out.println(name + " runs on " + org.linli.stack.ServiceJvm.chosen()
                        .describe(home.resolve(name).resolve("target/quarkus-app")));
            }

            long[] idleFrom = machineTicks();
            Thread.sleep(5000);
            long[] idleTo = machineTicks();
            System.out.printf("machine busy while the system idles: %.0f%% of 2 cores%n",
                    100.0 * (idleTo[0] - idleFrom[0]) / Math.max(1, idleTo[1] - idleFrom[1]));

            Map<String, String> rows = new LinkedHashMap<>();
            for (String name : services) {
                long[] ready = new long[runs];
                double[] startedIn = new double[runs];
                double[] cpu = new double[runs];
                for (int run = 0; run < runs; run++) {
                    ServiceProcess service = stack.relaunch(name);
                    ready[run] = service.readyAfterMillis();
                    startedIn[run] = startedIn(service.log());
                    cpu[run] = ProcessCpu.ofProcess(service.pid());
                    System.out.printf("%s start %d: ready after %d ms (Quarkus: started in %.3f s), CPU %.2f s, RSS %d MiB%n",
                            name, run + 1, ready[run], startedIn[run], cpu[run], service.residentSetMiB());
                }
                ServiceProcess service = stack.service(name);
                long rssAtReady = service.residentSetMiB();
                OpenLoopLoad.Result warm = OpenLoopLoad.run(name + " warm-up", rate, Duration.ofSeconds(warmSeconds),
                        everydayReads(service.baseUri(), name, story));
                System.out.println(warm);
                ServiceProcess.Memory rssWarm = service.memory();
                if (ServiceProcess.javaOptions().stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
                    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            Long.toString(service.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
                    System.out.println(new String(jcmd.getInputStream().readAllBytes()));
                }
                Arrays.sort(ready);
                Arrays.sort(startedIn);
                Arrays.sort(cpu);
                rows.put(name, String.format("| %s | %d ms | %d-%d ms | %.2f s | %.1f s | %d MiB | %s | %d/%d |", name,
                        ready[runs / 2], ready[0], ready[runs - 1], startedIn[runs / 2], cpu[runs / 2], rssAtReady, rssWarm,
                        warm.ok(), warm.sent()));
            }
            System.out.println();
            System.out.printf("Each service started alone %d times (the other services idle beside it); warm-up %d s at %d/s%n",
                    runs, warmSeconds, rate);
            System.out.println("| service | ready (median) | ready (range) | Quarkus \"started in\" (median) | CPU to ready "
                    + "(median) | RSS at ready | RSS after warm-up (private + mapped files) | warm-up answered |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            rows.values().forEach(System.out::println);
        }
    }

    /** What a service answers all day: a worker's lists and look-ups in Changshan Garden. */
    private static java.util.function.IntFunction<java.net.http.HttpRequest> everydayReads(URI base, String service,
            CommunityGenerator.Story story) {
        String community = "/communities/" + CommunityGenerator.COMMUNITY;
        String worker = CommunityGenerator.worker(CommunityGenerator.COMMUNITY);
        LocalDate today = LocalDate.now(COMMUNITY_TIME);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<String> paths = new ArrayList<>(switch (service) {
            case "resident-service" -> List.of("/residents/" + story.msZhao(), "/residents?flag=housebound&size=20",
                    "/residents?name=%E7%8E%8B&size=20", "/residents/" + story.mrLi() + "/pairings", "/care-alerts?open=true",
                    "/volunteers?size=20");
            case "points-service" -> List.of("/volunteers/" + story.mrLi() + "/wallet", "/volunteers/" + story.mrLi()
                    + "/statement", "/rewards", "/services?size=20", "/classes", "/reports/monthly?month="
                    + today.toString().substring(0, 7));
            case "dashboard-service" -> List.of("/figures", "/figures?quietDays=2", "/figures?from=" + monday + "&to=" + today);
            default -> List.of("/diners/" + story.msZhao(), "/menus/" + monday, "/standing-orders", "/orders?date=" + today,
                    "/days/" + today + "/production-list", "/diners/" + story.msZhao() + "/account");
        });
        return i -> OpenLoopLoad.get(base.resolve(community + paths.get(i % paths.size())), worker);
    }

    /** Busy and total clock ticks of all CPUs so far (Linux /proc/stat). */
    private static long[] machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] { total - idle, total };
    }

    private static double startedIn(Path log) {
        try {
            Matcher m = STARTED_IN.matcher(Files.readString(log));
            double last = -1;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return -1;
        }
    }
}
