package org.linli.stack.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.linli.infra.DevTokens;
import org.linli.infra.PostgresEndpoint;
import org.linli.infra.TestEvents;
import org.linli.stack.LinliStack;

/**
 * Confirmations credited per second, end to end: a community worker confirms a pending service over HTTP →
 * points-service posts it to the ledger and commits → points.awarded.v1 is on the topic. Reported beside pgbench's
 * tpcb-like TPS on the same PostgreSQL in the same run, with the same number of clients.
 *
 * <ol>
 * <li>pgbench tpcb-like (scale 10) for {@code --seconds} with {@code --clients} clients;</li>
 * <li>peak: {@code --clients} workers confirm back to back (closed loop) for {@code --seconds}; throughput counts
 * the points.awarded.v1 events seen on the topic in that time;</li>
 * <li>half the peak, open loop, for {@code --seconds}: latency from the scheduled send to the event on the topic.</li>
 * </ol>
 *
 * The confirmations are spread over {@code --communities} communities (each community's ledger is one hash chain, so
 * its postings are serialised; a district's communities post in parallel).
 *
 * <pre>
 * ./linli bench points [--clients 16] [--seconds 20] [--communities 8] [--volunteers 40]
 * </pre>
 */
public final class PointsConfirmBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<UUID, String> TOKENS = new ConcurrentHashMap<>();
    private static final Pattern SERVICE_ID = Pattern.compile("\"serviceId\":\"([0-9a-f-]{36})\"");

    private PointsConfirmBenchmark() {
    }

    record Community(String id, String worker, List<UUID> volunteers) {
    }

    public static void main(String[] args) throws Exception {
        int clients = 16;
        int seconds = 20;
        int communityCount = 8;
        int volunteersEach = 40;
        int logged = 0;
        int warmup = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--communities" -> communityCount = Integer.parseInt(args[i + 1]);
                case "--volunteers" -> volunteersEach = Integer.parseInt(args[i + 1]);
                case "--logged" -> logged = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            PostgresEndpoint pg = stack.infrastructure().postgres();
            String kafka = stack.infrastructure().kafkaBootstrapServers();
            URI points = stack.service("points-service").baseUri();

            String settings = settings(pg);
            double pgbenchTps = pgbench(pg, clients, seconds);

            List<Community> communities = enrol(kafka, points, communityCount, volunteersEach);
            int peakBudget = logged > 0 ? logged : 600 * (seconds + warmup); // pending services for warm-up and peak
            ConcurrentLinkedQueue<String[]> pending = logServices(points, communities, peakBudget);

            try (AwardWatch watch = new AwardWatch(kafka)) {
                // warm-up: the same closed loop, not measured (the JIT compiles the confirmation path)
                closedLoop(points, pending, clients, warmup, watch);
                Thread.sleep(1000);
                watch.reset();
                // peak, closed loop
                ProcessCpu cpuBefore = ProcessCpu.now();
                long peakStart = System.nanoTime();
                int httpErrors = closedLoop(points, pending, clients, seconds, watch);
                long peakEnd = System.nanoTime();
                ProcessCpu cpuAfter = ProcessCpu.now();
                Thread.sleep(2000);
                long credited = watch.seenBetween(peakStart, peakEnd);
                double peak = credited / ((peakEnd - peakStart) / 1e9);
                Histogram peakLatency = watch.latencies();
                String cpu = cpuAfter.since(cpuBefore);
                System.out.printf("%npeak (closed loop, %d clients): %d confirmations credited end to end in %.1f s = %.0f/s, "
                        + "%d HTTP errors; end-to-end p50 %.1f ms p99 %.1f ms%n", clients, credited,
                        (peakEnd - peakStart) / 1e9, peak, httpErrors, peakLatency.getValueAtPercentile(50) / 1000.0,
                        peakLatency.getValueAtPercentile(99) / 1000.0);
                System.out.printf("CPU during the peak (%.1f s x 2 cores): %s%n", (peakEnd - peakStart) / 1e9, cpu);

                // half the peak, open loop
                int rate = Math.max(1, (int) Math.round(peak / 2));
                if (pending.size() < rate * seconds) {
                    pending.addAll(logServices(points, communities, rate * seconds - pending.size()));
                }
                watch.reset();
                Histogram http = openLoop(points, pending, rate, seconds, watch);
                Thread.sleep(3000);
                Histogram e2e = watch.latencies();
                long lost = watch.unseen();

                System.out.println();
                System.out.println("points-service: confirm over HTTP -> ledger posting committed -> points.awarded.v1 on the topic");
                System.out.printf("  PostgreSQL settings: %s%n", settings);
                System.out.printf("  pgbench tpcb-like, scale 10, %d clients, %d s:     %8.0f TPS%n", clients, seconds, pgbenchTps);
                System.out.printf("  confirmations credited at peak (%d clients):   %8.0f /s  = %.2f of pgbench%n", clients, peak,
                        peak / pgbenchTps);
                System.out.printf("  at half the peak, open loop, %d/s for %d s: HTTP p50 %.1f p99 %.1f ms; "
                        + "end to end p50 %.1f p99 %.1f p99.9 %.1f max %.1f ms; %d events not seen%n", rate, seconds,
                        http.getValueAtPercentile(50) / 1000.0, http.getValueAtPercentile(99) / 1000.0,
                        e2e.getValueAtPercentile(50) / 1000.0, e2e.getValueAtPercentile(99) / 1000.0,
                        e2e.getValueAtPercentile(99.9) / 1000.0, e2e.getMaxValue() / 1000.0, lost);
                System.out.printf("  %d communities x %d volunteers; points-service RSS %d MiB%n", communities.size(),
                        volunteersEach, stack.service("points-service").residentSetMiB());
            }
        }
    }

    /** Closed loop: {@code clients} workers confirm back to back for {@code seconds}; returns the HTTP errors. */
    private static int closedLoop(URI points, ConcurrentLinkedQueue<String[]> pending, int clients, int seconds,
            AwardWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger httpErrors = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    String[] next = pending.poll();
                    if (next == null) {
                        return;
                    }
                    watch.sent(next[1], System.nanoTime());
                    if (confirm(points, next) >= 300) {
                        httpErrors.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return httpErrors.get();
    }

    /** Open loop: request i is sent at start + i/rate whatever the answers do; latency counts from that time. */
    private static Histogram openLoop(URI points, ConcurrentLinkedQueue<String[]> pending, int rate, int seconds,
            AwardWatch watch) throws InterruptedException {
        Histogram http = new Histogram(3_600_000_000L, 3);
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch((int) total);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String[] next = pending.poll();
            if (next == null) {
                done.countDown();
                continue;
            }
            watch.sent(next[1], due);
            HTTP.sendAsync(confirmRequest(points, next), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        synchronized (http) {
                            http.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                        }
                        done.countDown();
                    });
        }
        done.await(60, TimeUnit.SECONDS);
        return http;
    }

    private static int confirm(URI points, String[] service) {
        try {
            return HTTP.send(confirmRequest(points, service), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 599;
        }
    }

    private static HttpRequest confirmRequest(URI points, String[] service) {
        return HttpRequest.newBuilder(points.resolve("/communities/" + service[0] + "/services/" + service[1] + "/confirm"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + service[2])
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** Volunteers enrolled as resident-service would announce them, and a points rule without caps. */
    private static List<Community> enrol(String kafka, URI points, int count, int volunteersEach) throws Exception {
        List<Community> communities = new ArrayList<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int c = 0; c < count; c++) {
                String community = "bench-" + c + "-" + UUID.randomUUID().toString().substring(0, 4);
                String worker = DevTokens.as("community-worker").community(community).subject("bench-worker").mint();
                List<UUID> volunteers = new ArrayList<>();
                for (int v = 0; v < volunteersEach; v++) {
                    UUID id = UUID.randomUUID();
                    volunteers.add(id);
                    producer.send(record(id, TestEvents.resident("resident.registered.v1", id, community, Map.of())));
                    producer.send(record(id, TestEvents.cloudEvent(UUID.randomUUID().toString(), "/linli/resident-service",
                            "volunteer.enrolled.v1", "volunteers/" + id, community, Map.of("volunteerId", id.toString(),
                                    "communityId", community, "teams", List.of(), "enrolledAt", OffsetDateTime.now().toString()))));
                }
                communities.add(new Community(community, worker, volunteers));
            }
            producer.flush();
        }
        for (Community community : communities) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            UUID last = community.volunteers().get(community.volunteers().size() - 1);
            while (status(HttpRequest.newBuilder(points.resolve("/communities/" + community.id() + "/volunteers/" + last + "/wallet"))
                    .header("Authorization", "Bearer " + community.worker()).GET().build()) != 200) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("points-service did not learn the volunteers of " + community.id());
                }
                Thread.sleep(200);
            }
            int created = status(HttpRequest.newBuilder(points.resolve("/communities/" + community.id() + "/service-types"))
                    .header("Authorization", "Bearer " + community.worker()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"BENCH_VISIT\",\"name\":\"Benchmark visit\","
                            + "\"basis\":\"PER_SERVICE\",\"points\":10,\"needsBeneficiary\":false}"))
                    .build());
            if (created != 201) {
                throw new IllegalStateException("could not create the benchmark service type: " + created);
            }
        }
        return communities;
    }

    /** Volunteers log services over the API (32 at a time); returns [community, serviceId, worker token] each. */
    private static ConcurrentLinkedQueue<String[]> logServices(URI points, List<Community> communities, int count)
            throws InterruptedException {
        ConcurrentLinkedQueue<String[]> logged = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(32);
        AtomicInteger failures = new AtomicInteger();
        long t = System.nanoTime();
        String performedAt = OffsetDateTime.now().minusHours(1).toString();
        for (int i = 0; i < count; i++) {
            Community community = communities.get(i % communities.size());
            UUID volunteer = community.volunteers().get((i / communities.size()) % community.volunteers().size());
            String token = TOKENS.computeIfAbsent(volunteer,
                    v -> DevTokens.as("volunteer").community(community.id()).subject(v.toString()).mint());
            inFlight.acquire();
            HTTP.sendAsync(HttpRequest.newBuilder(points.resolve("/communities/" + community.id() + "/services"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"BENCH_VISIT\",\"performedAt\":\"" + performedAt
                            + "\",\"minutes\":40}")).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        Matcher id = failure == null ? Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body()) : null;
                        if (failure == null && response.statusCode() == 201 && id.find()) {
                            logged.add(new String[] { community.id(), id.group(1), community.worker() });
                        } else {
                            failures.incrementAndGet();
                        }
                    });
        }
        inFlight.acquire(32);
        inFlight.release(32);
        System.out.printf("logged %d pending services in %.1f s (%d failed)%n", logged.size(), (System.nanoTime() - t) / 1e9,
                failures.get());
        return logged;
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 599;
        }
    }

    private static ProducerRecord<String, String> record(UUID key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>("linli.resident.events", key.toString(), value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String settings(PostgresEndpoint pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            List<String> values = new ArrayList<>();
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers", "max_connections")) {
                try (ResultSet r = s.executeQuery("show " + name)) {
                    r.next();
                    values.add(name + "=" + r.getString(1));
                }
            }
            return String.join(", ", values);
        }
    }

    /** pgbench's tpcb-like transaction on a database of its own on the same server. */
    private static double pgbench(PostgresEndpoint pg, int clients, int seconds) throws Exception {
        Path binary = pgbenchBinary();
        pg.ensureDatabase("pgbench");
        Map<String, String> env = Map.of("PGPASSWORD", pg.password());
        run(env, binary.toString(), "-q", "-i", "-s", "10", "-h", pg.host(), "-p", String.valueOf(pg.port()), "-U", pg.username(),
                "pgbench");
        String out = run(env, binary.toString(), "-b", "tpcb-like", "-c", String.valueOf(clients), "-j", "2", "-T",
                String.valueOf(seconds), "-h", pg.host(), "-p", String.valueOf(pg.port()), "-U", pg.username(), "pgbench");
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("no TPS in pgbench's output:\n" + out);
        }
        System.out.printf("pgbench: %s%n", out.lines().filter(l -> l.startsWith("tps") || l.contains("latency average"))
                .reduce((a, b) -> a + "; " + b).orElse(""));
        return Double.parseDouble(tps.group(1));
    }

    private static Path pgbenchBinary() throws Exception {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("pgbench not found: install postgresql-client"));
        }
    }

    private static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> out.append(line).append('\n'));
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out.toString();
    }

    /** Tails linli.points.events and times each points.awarded.v1 against when its confirmation was sent. */
    static final class AwardWatch implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<long[]> seen = new ConcurrentLinkedQueue<>(); // [seenAt, latencyMicros]
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong unmatched = new AtomicLong();
        private final Thread poller;

        AwardWatch(String kafka) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of("linli.points.events"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            poller = new Thread(this::poll, "award-watch");
            poller.start();
        }

        void sent(String serviceId, long nanos) {
            sentAt.put(serviceId, nanos);
        }

        private void poll() {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (!record.value().contains("\"points.awarded.v1\"")) {
                        continue;
                    }
                    Matcher id = SERVICE_ID.matcher(record.value());
                    Long sent = id.find() ? sentAt.remove(id.group(1)) : null;
                    if (sent == null) {
                        unmatched.incrementAndGet();
                        continue;
                    }
                    seen.add(new long[] { now, Math.max(1, (now - sent) / 1000) });
                }
            }
        }

        long seenBetween(long from, long to) {
            return seen.stream().filter(s -> s[0] >= from && s[0] <= to).count();
        }

        Histogram latencies() {
            Histogram h = new Histogram(3_600_000_000L, 3);
            seen.forEach(s -> h.recordValue(s[1]));
            return h;
        }

        long unseen() {
            return sentAt.size();
        }

        void reset() {
            seen.clear();
            sentAt.clear();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join();
            consumer.close();
        }
    }
}
