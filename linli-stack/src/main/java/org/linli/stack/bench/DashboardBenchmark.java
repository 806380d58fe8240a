package org.linli.stack.bench;

import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.linli.infra.DevTokens;
import org.linli.infra.Infrastructure;
import org.linli.infra.OpenLoopLoad;
import org.linli.infra.PostgresEndpoint;
import org.linli.stack.LinliStack;
import org.linli.stack.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * dashboard-service's three figures at a district of 40 communities: how fast it ingests a month of the district's
 * events, how long a rebuild takes (at two sizes, so that a year can be extrapolated), and its API's latency at a fixed
 * rate. Only dashboard-service runs (as its own packaged JVM, as in {@link LinliStack}), beside the real PostgreSQL and
 * Kafka of {@link Infrastructure}: the other services would consume the same topics and answer them.
 *
 * <ol>
 * <li>A fast Kafka producer (this JVM, one thread generating, acks=all, 20 ms linger) writes a month of a district to
 * the five topics, keyed and shaped as docs/asyncapi.yaml says: the organisation tree, every resident's registration
 * (~7,000 per community, 28% aged 60+) and the volunteers' enrolments (5%), then day by day per community ~100 services
 * logged (nine in ten confirmed with points, one in ten rejected), ~150 lunches (dine-in served, delivered with a
 * welfare check and points for the volunteer, one door in twenty not answered, a few cancelled) with their prices,
 * the care alerts those raise (and a few gas and smoke alarms) acknowledged, sometimes escalated, and resolved, needs
 * recorded and closed days later, residents' flags changing and residents moving out, redemptions and classes.
 * Deterministic for {@code --seed}. The producer's own rate is printed.</li>
 * <li>dashboard-service is started against those topics (a new consumer group) and timed from the JVM's launch until it
 * has applied every record (its {@code applied_offset} table reaches the topics' end offsets; the consumer group's
 * committed lag is read as a cross-check); the figures it holds are compared with what was produced.</li>
 * <li>{@code POST /admin/rebuild} (replay every topic into a fresh schema and swap it in), timed until {@code DONE}.</li>
 * <li>dashboard-service is stopped, {@code --more-days} more days are produced (15 by default, to keep the whole run
 * near 20 minutes on two cores), the service started again and timed until caught up (a fuller database), and rebuilt
 * again: rebuild time at two sizes, and a year extrapolated from them.</li>
 * <li>API latency at a year of history: the history is made a year long by SQL (the produced flows, services, care
 * alerts and needs copied further back until they cover 365 days: what a year of events would have left in the tables
 * the API reads), then, open loop (latency from when each request was due), {@code GET /districts/{id}} as the district
 * officer and {@code GET /communities/{id}/figures} for a random community, for the last 30 days: each at a tenth of
 * the rate for 10 s (the service time, nothing queued), then each at {@code --rate} for {@code --seconds}.</li>
 * </ol>
 * The CPU each kind of process used is printed for every phase (dashboard-service counts as "other" in
 * {@link ProcessCpu}; its own JVM's CPU is printed beside).
 *
 * <pre>
 * ./linli bench dashboard [--communities 40] [--residents 7000] [--days 30] [--more-days 15] [--rate 50] [--seconds 30]
 *                         [--seed 7]
 * </pre>
 */
public final class DashboardBenchmark {

    static final String SERVICE = "dashboard-service";
    static final String DISTRICT = "kuancheng";
    static final List<String> TOPICS = List.of("linli.resident.events", "linli.resident.care-alerts", "linli.resident.needs",
            "linli.points.events", "linli.canteen.events");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    /** Events a second while the API is measured "with events arriving": about a district's lunch hour. */
    static final int LIVE_EVENTS_PER_SECOND = 2;

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int communities = 40;
        int residents = 7000;
        int days = 30;
        int moreDays = 15;
        int rate = 50;
        int seconds = 30;
        long seed = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--communities" -> communities = Integer.parseInt(args[i + 1]);
                case "--residents" -> residents = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--more-days" -> moreDays = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long benchStart = System.nanoTime();
        Path home = LinliStack.home();
        Infrastructure infrastructure = Infrastructure.shared();
        PostgresEndpoint pg = infrastructure.postgres();
        String kafka = infrastructure.kafkaBootstrapServers();
        String dashboardUrl = pg.ensureDatabase("linli_dashboard");
        List<String> summary = new ArrayList<>();

        // the produced days end yesterday (community time): month 1, then month 2 (if asked for) after it
        LocalDate today = LocalDate.now(COMMUNITY_TIME);
        LocalDate firstDay = today.minusDays(days + (long) moreDays);
        DistrictEvents district = new DistrictEvents(communities, residents, seed, firstDay);
        System.out.printf("District %s: %d communities x %d residents; days %s..%s%s%n", DISTRICT, communities, residents,
                firstDay, firstDay.plusDays(days - 1L), moreDays > 0 ? "; then " + firstDay.plusDays(days) + ".."
                        + firstDay.plusDays(days + (long) moreDays - 1) : "");

        // 1. a month on the topics
        Produced month = produce(kafka, district, true, days);
        summary.add(month.line("producer, registrations + " + days + " days"));

        // 2. the dashboard started on them, timed until caught up
        Dashboard dashboard = Dashboard.launch(home, infrastructure, dashboardUrl, "month-1");
        try {
            Ingest first = dashboard.ingest(kafka, 0);
            summary.add(first.line("ingest, " + days + " days (start to caught up)"));
            summary.add(checkFigures(dashboardUrl, pg, district.expected()));

            // 3. rebuild at one month
            Rebuilt r1 = dashboard.rebuild();
            summary.add(r1.line("rebuild, " + days + " days"));
            summary.add(checkFigures(dashboardUrl, pg, district.expected()));

            Rebuilt r2 = null;
            if (moreDays > 0) {
                // 4. a second month, produced while the dashboard is stopped; caught up; rebuilt again
                long appliedBefore = dashboard.applied();
                dashboard.stop();
                Produced more = produce(kafka, district, false, moreDays);
                summary.add(more.line("producer, " + moreDays + " more days"));
                dashboard = Dashboard.launch(home, infrastructure, dashboardUrl, "month-2");
                Ingest second = dashboard.ingest(kafka, appliedBefore);
                summary.add(second.line("ingest, " + moreDays + " more days (start to caught up)"));
                summary.add(checkFigures(dashboardUrl, pg, district.expected()));
                r2 = dashboard.rebuild();
                summary.add(r2.line("rebuild, " + (days + moreDays) + " days"));
                summary.add(checkFigures(dashboardUrl, pg, district.expected()));
            }

            // 5. the API at a year of history (the produced days, and the rest of the year made by SQL)
            Tables tables = Tables.count(dashboardUrl, pg);
            summary.add("tables after the produced days: " + tables);
            extendToYear(dashboardUrl, pg, district, days + moreDays);
            tables = Tables.count(dashboardUrl, pg);
            summary.add("tables with a year of history (SQL): " + tables);
            summary.addAll(api(dashboard, district, kafka, "a year of history", rate, Duration.ofSeconds(seconds)));
            summary.add(String.format("dashboard-service RSS %d MiB", dashboard.process().residentSetMiB()));

            System.out.println();
            System.out.println("=== dashboard-service benchmark ===");
            System.out.printf("%d communities, %d residents each, %d + %d days, seed %d; whole run %.0f s%n", communities,
                    residents, days, moreDays, seed, (System.nanoTime() - benchStart) / 1e9);
            System.out.println("events produced by type: " + district.counts());
            summary.forEach(System.out::println);
            if (r2 != null) {
                System.out.println(extrapolate(district, r1, r2, days + moreDays));
            }
        } finally {
            dashboard.stop();
        }
    }

    // --- phases -------------------------------------------------------------------------------------------------------

    /** What a producer run wrote, and how fast. */
    record Produced(long records, long bytes, double seconds, String cpu) {

        String line(String what) {
            return String.format("%-52s %,10d records %7.1f MB in %6.1f s = %,8.0f records/s (%.1f MB/s); CPU %s", what,
                    records, bytes / 1e6, seconds, records / seconds, bytes / 1e6 / seconds, cpu);
        }
    }

    private static Produced produce(String kafka, DistrictEvents district, boolean registrations, int days) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        ProcessCpu before = ProcessCpu.now();
        long[] machineBefore = MachineCpu.ticks();
        long start = System.nanoTime();
        long records;
        long bytes;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            EventSink sink = (topic, key, type, value) -> {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            };
            long recordsBefore = district.records();
            long bytesBefore = district.bytes();
            if (registrations) {
                district.registrations(sink);
            }
            district.days(sink, days, line -> System.out.println("  " + line));
            producer.flush();
            records = district.records() - recordsBefore;
            bytes = district.bytes() - bytesBefore;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records were not written", firstFailure.get());
        }
        Produced produced = new Produced(records, bytes, seconds, ProcessCpu.now().since(before) + "; machine busy "
                + MachineCpu.busy(machineBefore, MachineCpu.ticks()));
        System.out.println(produced.line("produced"));
        return produced;
    }

    /** Where an ingest stood when the dashboard caught up. */
    record Ingest(long records, double launchToReady, double launchToFirst, double launchToCaughtUp, double lagZeroAfter,
            String cpu, double dashboardCpu) {

        String line(String what) {
            double steady = launchToCaughtUp - launchToFirst;
            return String.format("%-52s %,10d records; launch->ready %.1f s, launch->first applied %.1f s, "
                    + "launch->caught up %.1f s = %,.0f records/s from launch, %,.0f records/s from the first applied; "
                    + "group lag 0 (committed) %.1f s later; dashboard JVM CPU %.1f s; CPU by kind %s", what, records,
                    launchToReady, launchToFirst, launchToCaughtUp, records / launchToCaughtUp, records / steady, lagZeroAfter,
                    dashboardCpu, cpu);
        }
    }

    /** A rebuild's figures. */
    record Rebuilt(long records, long projected, double seconds, String cpu, double dashboardCpu) {

        String line(String what) {
            return String.format("%-52s %,10d records replayed (%,d events projected) in %.1f s = %,.0f records/s; "
                    + "dashboard JVM CPU %.1f s; CPU by kind %s", what, records, projected, seconds, records / seconds,
                    dashboardCpu, cpu);
        }
    }

    /** A straight line through the two rebuilds (time against records replayed), at a year of the district. */
    private static String extrapolate(DistrictEvents district, Rebuilt r1, Rebuilt r2, int producedDays) {
        double perRecord = (r2.seconds() - r1.seconds()) / (r2.records() - r1.records());
        double fixed = r1.seconds() - perRecord * r1.records();
        long activity = r2.records() - district.registrationRecords();
        double perDay = activity / (double) producedDays;
        long year = district.registrationRecords() + Math.round(perDay * 365);
        double predicted = fixed + perRecord * year;
        double atAverage = year / (r2.records() / r2.seconds());
        if (perRecord <= 0) { // sizes too close (or too small) for a line to mean anything
            return String.format("rebuild extrapolated to a year of the district (%,d records): %.0f s (%.1f min) at the larger "
                    + "rebuild's average rate (%,.0f records/s)", year, atAverage, atAverage / 60, r2.records() / r2.seconds());
        }
        return String.format("rebuild extrapolated to a year of the district (%,d registration records + 365 days x %,.0f "
                + "records/day = %,d records): %.0f s (%.1f min) on a straight line through the two sizes (%.1f s + %.3f ms "
                + "per record); %.0f s (%.1f min) at the larger rebuild's average rate (%,.0f records/s)",
                district.registrationRecords(), perDay, year, predicted, predicted / 60, fixed, perRecord * 1000, atAverage,
                atAverage / 60, r2.records() / r2.seconds());
    }

    /**
     * The two API queries, open loop: after a warm-up, their uncached cost (each request a different 30-day period, so
     * no answer comes from the service's figure cache, at a rate that queues nothing), then each at the rate for the
     * duration, first on a quiet district, then while events arrive (lunches served now, {@value #LIVE_EVENTS_PER_SECOND}
     * events a second: a district's lunch hour), each of which changes a community's figures and so the district's.
     */
    private static List<String> api(Dashboard dashboard, DistrictEvents district, String kafka, String data, int rate,
            Duration duration) {
        LocalDate today = LocalDate.now(COMMUNITY_TIME);
        String period = "?from=" + today.minusDays(29) + "&to=" + today;
        java.util.function.IntFunction<String> shifted = i -> "?from=" + today.minusDays(29L + i % 60) + "&to="
                + today.minusDays(i % 60);
        URI base = dashboard.process().baseUri();
        String officer = DevTokens.as("district-officer").district(DISTRICT).subject("officer-bench").mint();
        List<String> communities = district.communityIds();
        Map<String, String> workers = new HashMap<>();
        communities.forEach(c -> workers.put(c, DevTokens.as("community-worker").community(c).subject("worker-" + c).mint()));
        Random random = new Random(11);
        java.util.function.IntFunction<HttpRequest> districtOverview = i -> OpenLoopLoad.get(
                base.resolve("/districts/" + DISTRICT + period), officer);
        java.util.function.IntFunction<HttpRequest> communityFigures = i -> {
            String c = communities.get(random.nextInt(communities.size()));
            return OpenLoopLoad.get(base.resolve("/communities/" + c + "/figures" + period), workers.get(c));
        };
        System.out.printf("%nAPI at %s: warm-up %d s at %d/s%n", data, WARM_UP.toSeconds(), rate);
        System.out.println(OpenLoopLoad.run("warm-up", rate, WARM_UP, i -> i % 2 == 0 ? districtOverview.apply(i)
                : communityFigures.apply(i)));
        settle();
        List<String> lines = new ArrayList<>();
        Duration tenSeconds = Duration.ofSeconds(10);
        lines.add(measured(dashboard, "API, uncached: GET /districts/{id}", () -> OpenLoopLoad.run("GET /districts/{id}", 2,
                tenSeconds, i -> OpenLoopLoad.get(base.resolve("/districts/" + DISTRICT + shifted.apply(i)), officer))));
        lines.add(measured(dashboard, "API, uncached: GET /communities/{id}/figures", () -> OpenLoopLoad.run(
                "GET /communities/{id}/figures", 5, tenSeconds, i -> {
                    String c = communities.get(i % communities.size());
                    return OpenLoopLoad.get(base.resolve("/communities/" + c + "/figures" + shifted.apply(i)), workers.get(c));
                })));
        lines.add(measured(dashboard, "API, quiet: GET /districts/{id}", () -> OpenLoopLoad.run("GET /districts/{id}", rate,
                duration, districtOverview)));
        lines.add(measured(dashboard, "API, quiet: GET /communities/{id}/figures", () -> OpenLoopLoad.run(
                "GET /communities/{id}/figures", rate, duration, communityFigures)));
        try (EventTrickle live = new EventTrickle(kafka, district, LIVE_EVENTS_PER_SECOND)) {
            lines.add(measured(dashboard, "API, events arriving: GET /districts/{id}", () -> OpenLoopLoad.run(
                    "GET /districts/{id}", rate, duration, districtOverview)));
            lines.add(measured(dashboard, "API, events arriving: GET /communities/{id}/figures", () -> OpenLoopLoad.run(
                    "GET /communities/{id}/figures", rate, duration, communityFigures)));
            lines.add(String.format("  events put on the topics while measured with events arriving: %d", live.sent()));
        }
        return lines;
    }

    /** Lunches served now in random communities of the district, put on the topic at a steady rate until closed. */
    static final class EventTrickle implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final Thread thread;
        private final AtomicLong sent = new AtomicLong();
        private volatile boolean running = true;

        EventTrickle(String kafka, DistrictEvents district, int eventsPerSecond) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            EventSink sink = (topic, key, type, value) -> {
                producer.send(new ProducerRecord<>(topic, key, value));
                sent.incrementAndGet();
            };
            long every = 2_000_000_000L / eventsPerSecond; // a lunch is two events: ordered, served
            thread = new Thread(() -> {
                long next = System.nanoTime();
                while (running) {
                    district.liveLunch(sink);
                    next += every;
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                }
            }, "event-trickle");
            thread.start();
        }

        long sent() {
            return sent.get();
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close();
        }
    }

    /**
     * Runs a measurement and prints it with the CPU used meanwhile; then waits until the service and PostgreSQL are idle
     * again (requests a client gave up on may still be queued there), so that one measurement does not load the next.
     */
    private static String measured(Dashboard dashboard, String what, java.util.function.Supplier<OpenLoopLoad.Result> run) {
        ProcessCpu before = ProcessCpu.now();
        long[] machineBefore = MachineCpu.ticks();
        double dashboardBefore = ProcessCpu.ofProcess(dashboard.process().pid());
        OpenLoopLoad.Result result = run.get();
        String line = String.format("%-52s %s; dashboard JVM CPU %.1f s; CPU by kind %s; machine busy %s", what, result,
                ProcessCpu.ofProcess(dashboard.process().pid()) - dashboardBefore, ProcessCpu.now().since(before),
                MachineCpu.busy(machineBefore, MachineCpu.ticks()));
        System.out.println(line);
        settle();
        return line;
    }

    /** Waits (at most two minutes) until the machine is nearly idle: under 15% of its cores busy over a second. */
    private static void settle() {
        long start = System.nanoTime();
        try {
            while (System.nanoTime() - start < 120_000_000_000L) {
                long[] from = MachineCpu.ticks();
                Thread.sleep(1000);
                if (MachineCpu.fraction(from, MachineCpu.ticks()) < 0.15) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (waited > 1.5) {
            System.out.printf("  (the machine was busy for %.0f s more: requests still queued after the measurement)%n", waited);
        }
    }

    /**
     * Compares the district's figures in the dashboard's tables (every day, totals) with what was produced; returns a
     * line saying whether they are equal and, if not, which differ.
     */
    private static String checkFigures(String url, PostgresEndpoint pg, Map<String, Long> expected) throws SQLException {
        Map<String, Long> actual = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select metric, sum(value) from dashboard.daily_figure "
                        + "where dimension = '' group by metric")) {
            while (r.next()) {
                actual.put(r.getString(1), r.getLong(2));
            }
        }
        List<String> differ = new ArrayList<>();
        expected.forEach((metric, value) -> {
            long got = actual.getOrDefault(metric, 0L);
            if (got != value) {
                differ.add(metric + " " + got + " (produced " + value + ")");
            }
        });
        actual.forEach((metric, value) -> {
            if (!expected.containsKey(metric) && value != 0) {
                differ.add(metric + " " + value + " (produced none)");
            }
        });
        String line = differ.isEmpty()
                ? String.format("  figures equal what was produced: all %d metrics (e.g. meals.ordered %,d, services.confirmed "
                        + "%,d, alerts.raised %,d, residents %,d)", expected.size(), expected.getOrDefault("meals.ordered", 0L),
                        expected.getOrDefault("services.confirmed", 0L), expected.getOrDefault("alerts.raised", 0L),
                        expected.getOrDefault("residents", 0L))
                : "  FIGURES DIFFER from what was produced: " + String.join("; ", differ);
        System.out.println(line);
        return line;
    }

    /**
     * Makes the history a year long by SQL: the produced flows (daily figures of flow metrics), services, resolved care
     * alerts and closed needs copied {@code span} days further back, again and again until they cover about 365 days. Stocks (residents, volunteers) are not
     * copied: they are levels, not flows. What the API reads then holds what a year of events would have left.
     */
    private static void extendToYear(String url, PostgresEndpoint pg, DistrictEvents district, int span) throws SQLException {
        long start = System.nanoTime();
        int copies = (int) Math.max(1, Math.round(365.0 / span) - 1); // the produced span and its copies: about 365 days
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement()) {
            String flows = String.join(",", DistrictEvents.FLOW_METRICS.stream().map(m -> "'" + m + "'").toList());
            LocalDate first = district.firstDay();
            s.execute("insert into dashboard.daily_figure (community_id, day, metric, dimension, value) "
                    + "select community_id, day - " + span + " * k, metric, dimension, value from dashboard.daily_figure, "
                    + "generate_series(1, " + copies + ") k where metric in (" + flows + ") and day >= date '" + first + "' "
                    + "on conflict (community_id, metric, dimension, day) do update set value = excluded.value");
            s.execute("insert into dashboard.service (service_id, community_id, volunteer_id, type_code, minutes, performed_on, "
                    + "status, award_posting) select gen_random_uuid(), community_id, volunteer_id, type_code, minutes, "
                    + "performed_on - " + span + " * k, status, null from dashboard.service, generate_series(1, " + copies
                    + ") k where performed_on >= date '" + first + "'");
            s.execute("insert into dashboard.care_alert (alert_id, community_id, grid_id, cause, raised_at, escalates_at, "
                    + "acknowledged_at, escalated_at, resolved_at) select gen_random_uuid(), community_id, grid_id, cause, "
                    + "raised_at - make_interval(days => " + span + " * k), escalates_at - make_interval(days => " + span
                    + " * k), acknowledged_at - make_interval(days => " + span + " * k), escalated_at - make_interval(days => "
                    + span + " * k), resolved_at - make_interval(days => " + span + " * k) from dashboard.care_alert, "
                    + "generate_series(1, " + copies + ") k where resolved_at is not null");
            s.execute("insert into dashboard.need (need_id, community_id, grid_id, category, recorded_at, closed_at) "
                    + "select gen_random_uuid(), community_id, grid_id, category, recorded_at - make_interval(days => " + span
                    + " * k), closed_at - make_interval(days => " + span + " * k) from dashboard.need, generate_series(1, "
                    + copies + ") k where closed_at is not null");
            s.execute("analyze");
        }
        System.out.printf("%nHistory made a year long by SQL (%d copies of %d days) in %.1f s%n", copies, span,
                (System.nanoTime() - start) / 1e9);
    }

    /** Row counts of the tables the API reads. */
    record Tables(long dailyFigures, long services, long careAlerts, long needs, long residents, long inbox) {

        static Tables count(String url, PostgresEndpoint pg) throws SQLException {
            long[] n = new long[6];
            String[] tables = { "daily_figure", "service", "care_alert", "need", "resident", "inbox_event" };
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                    Statement s = c.createStatement()) {
                for (int i = 0; i < tables.length; i++) {
                    try (ResultSet r = s.executeQuery("select count(*) from dashboard." + tables[i])) {
                        r.next();
                        n[i] = r.getLong(1);
                    }
                }
            }
            return new Tables(n[0], n[1], n[2], n[3], n[4], n[5]);
        }

        @Override
        public String toString() {
            return String.format("daily_figure %,d rows, service %,d, care_alert %,d, need %,d, resident %,d, inbox_event %,d",
                    dailyFigures, services, careAlerts, needs, residents, inbox);
        }
    }

    /** The whole machine's busy and total clock ticks (Linux /proc/stat): how much of the two cores a phase used. */
    static final class MachineCpu {

        private MachineCpu() {
        }

        static long[] ticks() {
            try {
                String[] cpu = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < cpu.length; i++) {
                    total += Long.parseLong(cpu[i]);
                }
                long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
                return new long[] { total - idle, total };
            } catch (java.io.IOException | RuntimeException e) {
                return new long[] { 0, 0 };
            }
        }

        static double fraction(long[] from, long[] to) {
            return (to[0] - from[0]) / (double) Math.max(1, to[1] - from[1]);
        }

        static String busy(long[] from, long[] to) {
            return String.format("%.0f%%", 100 * fraction(from, to));
        }
    }

    // --- the dashboard process --------------------------------------------------------------------------------------

    /** dashboard-service as its own JVM, its database and its admin API. */
    static final class Dashboard {

        private final ServiceProcess process;
        private final String url;
        private final PostgresEndpoint pg;
        private final long launchedAt;

        private Dashboard(ServiceProcess process, String url, PostgresEndpoint pg, long launchedAt) {
            this.process = process;
            this.url = url;
            this.pg = pg;
            this.launchedAt = launchedAt;
        }

        /**
         * Launches the packaged service with the environment {@link LinliStack} gives it. ServiceProcess's launcher is
         * package-private to org.linli.stack (LinliStack starts all four); this harness starts only this one.
         */
        static Dashboard launch(Path home, Infrastructure infrastructure, String url, String run) {
            PostgresEndpoint pg = infrastructure.postgres();
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
            env.put("QUARKUS_DATASOURCE_USERNAME", pg.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", pg.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
            env.put("QUARKUS_PROFILE", "prod,local");
            try {
                Method launch = ServiceProcess.class.getDeclaredMethod("launch", String.class, Path.class, int.class,
                        Map.class, Path.class);
                launch.setAccessible(true);
                long launchedAt = System.nanoTime();
                ServiceProcess process = (ServiceProcess) launch.invoke(null, SERVICE,
                        home.resolve(SERVICE).resolve("target/quarkus-app"), org.linli.infra.FreePorts.pick(), env,
                        home.resolve("target/bench-logs/dashboard-" + run));
                infrastructure.beforeStop(process::close);
                return new Dashboard(process, url, pg, launchedAt);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException("cannot reach ServiceProcess.launch", e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot launch " + SERVICE, e.getCause());
            }
        }

        ServiceProcess process() {
            return process;
        }

        void stop() {
            process.close();
        }

        /**
         * Waits until the service has applied every record on the topics (its applied_offset reaches each partition's
         * end offset), printing progress every 10 s; then until its consumer group's committed lag is 0 too.
         */
        Ingest ingest(String kafka, long appliedBefore) throws Exception {
            Map<TopicPartition, Long> end = endOffsets(kafka);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            ProcessCpu before = ProcessCpu.now();
            long[] machineBefore = MachineCpu.ticks();
            process.awaitReady(Duration.ofSeconds(120));
            double ready = (System.nanoTime() - launchedAt) / 1e9;
            double first = -1;
            long lastPrint = System.nanoTime();
            long lastApplied = appliedBefore;
            while (true) {
                Map<TopicPartition, Long> applied = appliedOffsets();
                long sum = applied.values().stream().mapToLong(Long::longValue).sum();
                if (first < 0 && sum > appliedBefore) {
                    first = (System.nanoTime() - launchedAt) / 1e9;
                }
                if (end.entrySet().stream().allMatch(e -> applied.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.out.printf("  %5.0f s after launch: %,d of %,d records applied (%,.0f/s over the last 10 s)%n",
                            (System.nanoTime() - launchedAt) / 1e9, sum - appliedBefore, total - appliedBefore,
                            (sum - lastApplied) / ((System.nanoTime() - lastPrint) / 1e9));
                    lastPrint = System.nanoTime();
                    lastApplied = sum;
                }
                if (ProcessHandle.of(process.pid()).map(h -> !h.isAlive()).orElse(true)) {
                    throw new IllegalStateException(SERVICE + " exited; see " + process.log());
                }
                Thread.sleep(200);
            }
            long caughtUpAt = System.nanoTime();
            double caughtUp = (caughtUpAt - launchedAt) / 1e9;
            String cpu = ProcessCpu.now().since(before) + "; machine busy " + MachineCpu.busy(machineBefore, MachineCpu.ticks());
            double dashboardCpu = ProcessCpu.ofProcess(process.pid());
            double lagZero = awaitCommittedLagZero(kafka, end, Duration.ofSeconds(30));
            double lagZeroAfter = lagZero < 0 ? -1 : (lagZero - caughtUpAt) / 1e9;
            Ingest ingest = new Ingest(total - appliedBefore, ready, first, caughtUp, lagZeroAfter, cpu, dashboardCpu);
            System.out.println(ingest.line("ingested"));
            return ingest;
        }

        /** POST /admin/rebuild, then GET it until DONE (or FAILED: an exception). */
        Rebuilt rebuild() throws Exception {
            String operator = DevTokens.as("operator").subject("operator-bench").mint();
            URI uri = process.baseUri().resolve("/admin/rebuild");
            ProcessCpu before = ProcessCpu.now();
            long[] machineBefore = MachineCpu.ticks();
            double dashboardBefore = ProcessCpu.ofProcess(process.pid());
            long start = System.nanoTime();
            // the rebuild's own PostgreSQL connection ends with it, and its backend's CPU with it: the last snapshot
            // taken while it ran is the one that counts
            ProcessCpu whileRunning = before;
            long[] machineWhileRunning = machineBefore;
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + operator)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("POST /admin/rebuild answered " + started.statusCode() + ": " + started.body());
            }
            long lastPrint = System.nanoTime();
            while (true) {
                Thread.sleep(500);
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + operator)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode status = JSON.readTree(answer.body());
                String state = status.path("state").asText();
                if ("DONE".equals(state)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Rebuilt rebuilt = new Rebuilt(status.path("recordsReplayed").asLong(), status.path("eventsProjected").asLong(),
                            seconds, whileRunning.since(before) + "; machine busy "
                                    + MachineCpu.busy(machineBefore, machineWhileRunning),
                            ProcessCpu.ofProcess(process.pid()) - dashboardBefore);
                    System.out.println(rebuilt.line("rebuilt"));
                    return rebuilt;
                }
                if ("FAILED".equals(state)) {
                    throw new IllegalStateException("the rebuild failed: " + answer.body());
                }
                whileRunning = ProcessCpu.now();
                machineWhileRunning = MachineCpu.ticks();
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.out.printf("  rebuild %5.0f s: %s, %,d records replayed%n", (System.nanoTime() - start) / 1e9, state,
                            status.path("recordsReplayed").asLong());
                    lastPrint = System.nanoTime();
                }
            }
        }

        /** The records applied so far, over every partition. */
        long applied() throws SQLException {
            return appliedOffsets().values().stream().mapToLong(Long::longValue).sum();
        }

        private Map<TopicPartition, Long> appliedOffsets() {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select topic, partition, next_offset from dashboard.applied_offset")) {
                while (r.next()) {
                    offsets.put(new TopicPartition(r.getString(1), r.getInt(2)), r.getLong(3));
                }
            } catch (SQLException notYet) {
                // the schema is not migrated yet
            }
            return offsets;
        }

        /** Nanotime at which the group dashboard-service's committed offsets reached the end offsets, or -1. */
        private static double awaitCommittedLagZero(String kafka, Map<TopicPartition, Long> end, Duration timeout)
                throws Exception {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            long deadline = System.nanoTime() + timeout.toNanos();
            try (Admin admin = Admin.create(props)) {
                while (System.nanoTime() < deadline) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SERVICE)
                            .partitionsToOffsetAndMetadata().get();
                    long lag = 0;
                    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                        OffsetAndMetadata offset = committed.get(e.getKey());
                        lag += e.getValue() - (offset == null ? 0 : offset.offset());
                    }
                    if (lag <= 0) {
                        return System.nanoTime();
                    }
                    Thread.sleep(200);
                }
            }
            return -1;
        }
    }

    static Map<TopicPartition, Long> endOffsets(String kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            return consumer.endOffsets(partitions);
        }
    }

    // --- the district's events ----------------------------------------------------------------------------------------

    /** Where generated records go: (topic, key, CloudEvents type, value). */
    @FunctionalInterface
    interface EventSink {
        void send(String topic, String key, String type, String value);
    }

    /**
     * A district's life as its services would publish it, deterministic for a seed: the organisation tree, residents
     * and volunteers, then day after day per community. Keeps the totals every figure should have (flows summed over
     * what was produced, stocks as levels from the residents' last state), to compare with the dashboard's.
     * Values are ids, codes, numbers, times and place names: no quoting or escaping is needed in the JSON it writes.
     */
    static final class DistrictEvents {

        static final List<String> FLOW_METRICS = List.of("services.logged", "services.confirmed", "services.rejected",
                "services.minutes", "points.issued", "points.redeemed", "redemptions", "redemptions.handed-over",
                "class.seats-booked", "class.bookings-cancelled", "class.credits-bought", "meals.ordered", "meals.cancelled",
                "meals.served", "meals.delivered", "meals.missed", "welfare.concerns", "fen.total", "fen.elder", "fen.subsidy",
                "fen.sponsor", "alerts.raised", "alerts.acknowledged", "alerts.escalated", "alerts.resolved",
                "needs.recorded", "needs.closed");
        private static final String[] BANDS = { "UNDER_60", "AGED_60_74", "AGED_75_84", "AGED_85_94", "AGED_95_PLUS" };
        private static final String[] SERVICE_TYPES = { "ELDER_CARE_VISIT", "ELDER_CARE_VISIT", "ELDER_CARE_VISIT",
                "ERRAND", "ERRAND", "COMPANIONSHIP", "COMPANIONSHIP", "HEALTH_ESCORT", "SAFETY_PATROL", "ENVIRONMENT_CLEANUP" };
        private static final String[] TEAM_CATEGORIES = { "ELDER_CARE", "MEDICAL", "LEGAL", "PUBLIC_SAFETY", "ENVIRONMENT",
                "CULTURE", "YOUTH" };
        private static final String[] NEED_CATEGORIES = { "REPAIR", "DRAINAGE", "SANITATION", "ACCESSIBILITY", "SAFETY",
                "ELDER_CARE", "NEIGHBOUR_DISPUTE", "GREENERY", "PARKING", "OTHER" };
        private static final String[] SPONSORS = { "rural-commercial-bank", "xinhua-bookstore" };
        private static final int GRIDS = 20;
        private static final int TEAMS = 14;

        /** What the events say about a resident (a snapshot is re-sent whole when a flag changes). */
        static final class Person {
            final UUID id;
            final UUID household;
            final int band;
            final boolean aged80;
            final boolean lowIncome;
            final int grid;
            boolean alone;
            boolean housebound;
            boolean movedOut;

            Person(UUID id, UUID household, int band, boolean aged80, boolean lowIncome, int grid, boolean alone,
                    boolean housebound) {
                this.id = id;
                this.household = household;
                this.band = band;
                this.aged80 = aged80;
                this.lowIncome = lowIncome;
                this.grid = grid;
                this.alone = alone;
                this.housebound = housebound;
            }

            boolean aged60() {
                return band > 0;
            }
        }

        static final class Community {
            final String id;
            final String subDistrict;
            final UUID[] grids = new UUID[GRIDS];
            final UUID[] teams = new UUID[TEAMS];
            final List<Person> residents = new ArrayList<>();
            final List<Person> elders = new ArrayList<>();
            final List<Person> watched = new ArrayList<>();
            final List<UUID> volunteers = new ArrayList<>();
            final Map<LocalDate, List<UUID[]>> needsToClose = new HashMap<>(); // [needId, grid]

            Community(String id, String subDistrict) {
                this.id = id;
                this.subDistrict = subDistrict;
            }
        }

        private final Random random;
        private final LocalDate firstDay;
        private final List<Community> communities = new ArrayList<>();
        private final int residentsEach;
        private final Map<String, Long> flows = new TreeMap<>();
        private final Map<String, Long> counts = new TreeMap<>();
        private LocalDate nextDay;
        private long records;
        private long bytes;
        private long registrationRecords;
        private EventSink sink;

        DistrictEvents(int communityCount, int residentsEach, long seed, LocalDate firstDay) {
            this.random = new Random(seed);
            this.firstDay = firstDay;
            this.nextDay = firstDay;
            this.residentsEach = residentsEach;
            for (int c = 1; c <= communityCount; c++) {
                Community community = new Community(String.format("%s-c%02d", DISTRICT, c),
                        DISTRICT + "-s" + (1 + (c - 1) / 10));
                for (int g = 0; g < GRIDS; g++) {
                    community.grids[g] = uuid();
                }
                for (int t = 0; t < TEAMS; t++) {
                    community.teams[t] = uuid();
                }
                communities.add(community);
            }
        }

        LocalDate firstDay() {
            return firstDay;
        }

        List<String> communityIds() {
            return communities.stream().map(c -> c.id).toList();
        }

        long records() {
            return records;
        }

        long bytes() {
            return bytes;
        }

        long registrationRecords() {
            return registrationRecords;
        }

        Map<String, Long> counts() {
            return counts;
        }

        /** Every figure's district total as the dashboard should hold it after all that was produced. */
        Map<String, Long> expected() {
            Map<String, Long> expected = new TreeMap<>(flows);
            long residents = 0;
            long aged60 = 0;
            long aged80 = 0;
            long alone = 0;
            long housebound = 0;
            long volunteers = 0;
            for (Community community : communities) {
                volunteers += community.volunteers.size();
                for (Person p : community.residents) {
                    if (!p.movedOut) {
                        residents++;
                        aged60 += p.aged60() ? 1 : 0;
                        aged80 += p.aged80 ? 1 : 0;
                        alone += p.alone ? 1 : 0;
                        housebound += p.housebound ? 1 : 0;
                    }
                }
            }
            expected.put("residents", residents);
            expected.put("residents.aged60", aged60);
            expected.put("residents.aged80", aged80);
            expected.put("residents.lives-alone", alone);
            expected.put("residents.housebound", housebound);
            expected.put("volunteers.enrolled", volunteers);
            expected.values().removeIf(v -> v == 0);
            return expected;
        }

        /** The organisation tree, every resident's registration and the volunteers' enrolments, over the year before. */
        void registrations(EventSink sink) {
            this.sink = sink;
            long before = records;
            long yearBefore = epoch(firstDay.minusDays(365));
            long secondsInYear = 365L * 86400;
            orgUnit("DISTRICT", DISTRICT, "宽城区", null, null, yearBefore);
            for (int s = 1; s <= (communities.size() + 9) / 10; s++) {
                orgUnit("SUBDISTRICT", DISTRICT + "-s" + s, "街道" + s, null, DISTRICT + "-s" + s, yearBefore);
            }
            for (int c = 0; c < communities.size(); c++) {
                Community community = communities.get(c);
                orgUnit("COMMUNITY", community.id, "社区" + (c + 1), community.id, community.subDistrict, yearBefore);
                for (int g = 0; g < GRIDS; g++) {
                    gridUnit(community, g, yearBefore);
                }
            }
            for (Community community : communities) {
                UUID household = uuid();
                for (int i = 0; i < residentsEach; i++) {
                    if (i % 2 == 0) {
                        household = uuid(); // ~2.2 residents per household
                    }
                    Person p = person(household);
                    community.residents.add(p);
                    if (p.aged60()) {
                        community.elders.add(p);
                        if (p.alone || p.housebound) {
                            community.watched.add(p);
                        }
                    }
                    long at = yearBefore + (long) (random.nextDouble() * secondsInYear);
                    resident("resident.registered.v1", community, p, at);
                    if (!p.housebound && random.nextInt(100) < 5) {
                        community.volunteers.add(p.id);
                        enrolled(community, p.id, at + 86400 + random.nextInt(86400 * 30));
                    }
                }
            }
            registrationRecords += records - before;
        }

        /** {@code days} days of the district's life, from the day after the last one produced. */
        void days(EventSink sink, int days, java.util.function.Consumer<String> progress) {
            this.sink = sink;
            for (int d = 0; d < days; d++) {
                LocalDate day = nextDay;
                nextDay = nextDay.plusDays(1);
                for (Community community : communities) {
                    day(community, day);
                }
                if ((d + 1) % 10 == 0 || d + 1 == days) {
                    progress.accept(String.format("%s: %,d records so far", day, records));
                }
            }
        }

        private void day(Community c, LocalDate day) {
            long midnight = epoch(day);
            for (UUID[] need : c.needsToClose.getOrDefault(day, List.of())) {
                needClosed(c, need[0], need[1], midnight + 9 * 3600 + random.nextInt(8 * 3600));
            }
            c.needsToClose.remove(day);
            for (int i = 0, n = 5; i < n; i++) {
                Person p = c.residents.get(random.nextInt(c.residents.size()));
                if (p.movedOut) {
                    continue;
                }
                if (p.aged60()) {
                    p.housebound = random.nextBoolean() ? !p.housebound : p.housebound;
                    p.alone = !p.housebound ? !p.alone : p.alone;
                } else {
                    p.alone = !p.alone;
                }
                resident("resident.updated.v1", c, p, midnight + 8 * 3600 + random.nextInt(9 * 3600));
            }
            Person leaving = c.residents.get(random.nextInt(c.residents.size()));
            if (!leaving.movedOut && !c.volunteers.contains(leaving.id)) {
                leaving.movedOut = true;
                movedOut(c, leaving, midnight + 10 * 3600 + random.nextInt(6 * 3600));
            }
            int services = 80 + random.nextInt(41);
            for (int i = 0; i < services; i++) {
                service(c, midnight + 8 * 3600 + random.nextInt(10 * 3600));
            }
            int dineIn = 100 + random.nextInt(21);
            for (int i = 0; i < dineIn; i++) {
                lunch(c, day, c.elders.get(random.nextInt(c.elders.size())), false);
            }
            int delivered = 35 + random.nextInt(11);
            for (int i = 0; i < delivered; i++) {
                lunch(c, day, c.watched.get(random.nextInt(c.watched.size())), true);
            }
            int cancelled = 2 + random.nextInt(3);
            for (int i = 0; i < cancelled; i++) {
                cancelledLunch(c, day, c.elders.get(random.nextInt(c.elders.size())));
            }
            if (random.nextInt(10) == 0) {
                Person p = c.residents.get(random.nextInt(c.residents.size()));
                alert(c, p.id, p.grid, random.nextBoolean() ? "GAS_ALARM" : "SMOKE_ALARM",
                        midnight + random.nextInt(86400), day);
            }
            int needs = 3 + random.nextInt(5);
            for (int i = 0; i < needs; i++) {
                needRecorded(c, day, midnight + 9 * 3600 + random.nextInt(8 * 3600));
            }
            for (int i = 0; i < 5; i++) {
                redemption(c, midnight + 9 * 3600 + random.nextInt(9 * 3600));
            }
            UUID volunteer = c.volunteers.get(random.nextInt(c.volunteers.size()));
            pointsEvent(c, "class.credits-bought.v1", volunteer, midnight + 15 * 3600, "\"postingId\":\"" + uuid()
                    + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT + "\",\"volunteerId\":\"" + volunteer
                    + "\",\"minutes\":40,\"credits\":1,\"boughtAt\":\"" + time(midnight + 15 * 3600) + "\"");
            flow("class.credits-bought", 1);
            for (int i = 0; i < 2; i++) {
                UUID v = c.volunteers.get(random.nextInt(c.volunteers.size()));
                long at = midnight + 16 * 3600 + i * 60;
                pointsEvent(c, "class.booked.v1", v, at, "\"bookingId\":\"" + uuid() + "\",\"sessionId\":\"" + uuid()
                        + "\",\"courseId\":\"" + uuid() + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                        + "\",\"volunteerId\":\"" + v + "\",\"credits\":1,\"startsAt\":\"" + time(at + 5 * 86400)
                        + "\",\"at\":\"" + time(at) + "\"");
                flow("class.seats-booked", 1);
            }
        }

        // --- resident-service --------------------------------------------------------------------------------------

        private void orgUnit(String kind, String code, String name, String community, String subDistrict, long at) {
            UUID unit = UUID.nameUUIDFromBytes((kind + code).getBytes(StandardCharsets.UTF_8));
            send("linli.resident.events", unit.toString(), "org-unit.changed.v1", "/linli/resident-service",
                    "org-units/" + unit, community, at, "\"unitId\":\"" + unit + "\",\"kind\":\"" + kind + "\",\"code\":\""
                            + code + "\",\"name\":\"" + name + "\",\"parentId\":null,\"communityId\":" + quoted(community)
                            + ",\"districtId\":\"" + DISTRICT + "\",\"subDistrictId\":" + quoted(subDistrict));
        }

        private void gridUnit(Community c, int g, long at) {
            UUID unit = c.grids[g];
            send("linli.resident.events", unit.toString(), "org-unit.changed.v1", "/linli/resident-service",
                    "org-units/" + unit, c.id, at, "\"unitId\":\"" + unit + "\",\"kind\":\"GRID\",\"code\":null,\"name\":\"网格"
                            + (g + 1) + "\",\"parentId\":null,\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                            + "\",\"subDistrictId\":\"" + c.subDistrict + "\"");
        }

        private Person person(UUID household) {
            int roll = random.nextInt(1000);
            int band = roll < 720 ? 0 : roll < 890 ? 1 : roll < 960 ? 2 : roll < 995 ? 3 : 4;
            boolean aged80 = band >= 3 || (band == 2 && random.nextBoolean());
            boolean alone = random.nextInt(100) < (band > 0 ? 25 : 5);
            int houseboundPercent = switch (band) {
                case 0 -> 0;
                case 1 -> 2;
                case 2 -> 8;
                default -> 25;
            };
            boolean housebound = random.nextInt(100) < houseboundPercent;
            return new Person(uuid(), household, band, aged80, random.nextInt(100) < 5, random.nextInt(GRIDS), alone,
                    housebound);
        }

        private void resident(String type, Community c, Person p, long at) {
            send("linli.resident.events", p.id.toString(), type, "/linli/resident-service", "residents/" + p.id, c.id, at,
                    "\"residentId\":\"" + p.id + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                            + "\",\"subDistrictId\":\"" + c.subDistrict + "\",\"householdId\":\"" + p.household
                            + "\",\"gridId\":\"" + c.grids[p.grid] + "\",\"buildingId\":\"" + p.household
                            + "\",\"unitId\":null,\"ageBand\":\"" + BANDS[p.band] + "\",\"aged60Plus\":" + p.aged60()
                            + ",\"aged80Plus\":" + p.aged80 + ",\"livesAlone\":" + p.alone + ",\"housebound\":" + p.housebound
                            + ",\"lowIncome\":" + p.lowIncome + ",\"dietaryNeeds\":" + (p.band >= 2 ? "[\"LOW_SALT\"]" : "[]"));
        }

        private void movedOut(Community c, Person p, long at) {
            send("linli.resident.events", p.id.toString(), "resident.moved-out.v1", "/linli/resident-service",
                    "residents/" + p.id, c.id, at, "\"residentId\":\"" + p.id + "\",\"communityId\":\"" + c.id
                            + "\",\"movedOutOn\":\"" + LocalDate.ofInstant(Instant.ofEpochSecond(at), COMMUNITY_TIME) + "\"");
        }

        private void enrolled(Community c, UUID volunteer, long at) {
            UUID team = c.teams[random.nextInt(TEAMS)];
            StringBuilder teams = new StringBuilder("[{\"teamId\":\"").append(team).append("\",\"category\":\"")
                    .append(TEAM_CATEGORIES[Math.abs(team.hashCode()) % TEAM_CATEGORIES.length]).append("\"}");
            if (random.nextInt(10) < 3) {
                UUID second = c.teams[random.nextInt(TEAMS)];
                if (!second.equals(team)) {
                    teams.append(",{\"teamId\":\"").append(second).append("\",\"category\":\"")
                            .append(TEAM_CATEGORIES[Math.abs(second.hashCode()) % TEAM_CATEGORIES.length]).append("\"}");
                }
            }
            send("linli.resident.events", volunteer.toString(), "volunteer.enrolled.v1", "/linli/resident-service",
                    "volunteers/" + volunteer, c.id, at, "\"volunteerId\":\"" + volunteer + "\",\"communityId\":\"" + c.id
                            + "\",\"districtId\":\"" + DISTRICT + "\",\"teams\":" + teams + "],\"enrolledAt\":\"" + time(at)
                            + "\"");
        }

        /** Raised, acknowledged (escalated first when nobody took it on within 15 minutes), resolved. */
        private void alert(Community c, UUID resident, int grid, String cause, long raised, LocalDate day) {
            UUID alert = uuid();
            long escalates = raised + 15 * 60;
            String base = "\"alertId\":\"" + alert + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                    + "\",\"residentId\":\"" + resident + "\",\"gridId\":\"" + c.grids[grid] + "\",\"cause\":\"" + cause
                    + "\",\"raisedAt\":\"" + time(raised) + "\",\"escalatesAt\":\"" + time(escalates) + "\"";
            careAlert(c, alert, "care-alert.raised.v1", raised, base);
            flow("alerts.raised", 1);
            boolean lastDay = day.equals(LocalDate.now(COMMUNITY_TIME).minusDays(1)); // some of yesterday's are still open
            if (lastDay && random.nextInt(3) == 0) {
                return; // still open, unacknowledged
            }
            long acknowledged = raised + 120 + random.nextInt(25 * 60);
            if (acknowledged > escalates) {
                careAlert(c, alert, "care-alert.escalated.v1", escalates, base + ",\"escalatedAt\":\"" + time(escalates) + "\"");
                flow("alerts.escalated", 1);
            }
            String ack = base + ",\"acknowledgedAt\":\"" + time(acknowledged) + "\"";
            careAlert(c, alert, "care-alert.acknowledged.v1", acknowledged, ack);
            flow("alerts.acknowledged", 1);
            if (lastDay && random.nextInt(2) == 0) {
                return; // taken on, not yet resolved
            }
            long resolved = acknowledged + 1800 + random.nextInt(3 * 3600);
            careAlert(c, alert, "care-alert.resolved.v1", resolved, ack + ",\"resolvedAt\":\"" + time(resolved) + "\"");
            flow("alerts.resolved", 1);
        }

        private void careAlert(Community c, UUID alert, String type, long at, String data) {
            send("linli.resident.care-alerts", alert.toString(), type, "/linli/resident-service", "care-alerts/" + alert,
                    c.id, at, data);
        }

        private void needRecorded(Community c, LocalDate day, long at) {
            UUID need = uuid();
            UUID grid = c.grids[random.nextInt(GRIDS)];
            String category = NEED_CATEGORIES[random.nextInt(NEED_CATEGORIES.length)];
            send("linli.resident.needs", need.toString(), "need.recorded.v1", "/linli/resident-service", "needs/" + need, c.id,
                    at, "\"needId\":\"" + need + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                            + "\",\"gridId\":\"" + grid + "\",\"category\":\"" + category
                            + "\",\"responsible\":\"COMMUNITY\",\"status\":\"OPEN\",\"recordedAt\":\"" + time(at) + "\"");
            flow("needs.recorded", 1);
            c.needsToClose.computeIfAbsent(day.plusDays(1 + random.nextInt(10)), d -> new ArrayList<>())
                    .add(new UUID[] { need, grid });
        }

        private void needClosed(Community c, UUID need, UUID grid, long at) {
            send("linli.resident.needs", need.toString(), "need.closed.v1", "/linli/resident-service", "needs/" + need, c.id,
                    at, "\"needId\":\"" + need + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                            + "\",\"gridId\":\"" + grid + "\",\"category\":\"OTHER\",\"responsible\":\"COMMUNITY\","
                            + "\"status\":\"CLOSED\",\"recordedAt\":\"" + time(at - 86400) + "\",\"doneAt\":\"" + time(at - 3600)
                            + "\",\"residentToldAt\":\"" + time(at) + "\"");
            flow("needs.closed", 1);
        }

        // --- points-service ----------------------------------------------------------------------------------------

        /** Logged; then nine in ten confirmed (with the points awarded), one in ten rejected. */
        private void service(Community c, long performed) {
            UUID service = uuid();
            UUID volunteer = c.volunteers.get(random.nextInt(c.volunteers.size()));
            String type = SERVICE_TYPES[random.nextInt(SERVICE_TYPES.length)];
            boolean forSomeone = !type.equals("SAFETY_PATROL") && !type.equals("ENVIRONMENT_CLEANUP");
            UUID beneficiary = forSomeone ? c.watched.get(random.nextInt(c.watched.size())).id : null;
            int minutes = 30 + 10 * random.nextInt(10);
            String common = "\"serviceId\":\"" + service + "\",\"communityId\":\"" + c.id + "\",\"districtId\":\"" + DISTRICT
                    + "\",\"volunteerId\":\"" + volunteer + "\",\"beneficiaryId\":" + quoted(beneficiary)
                    + ",\"activityId\":null,\"typeCode\":\"" + type + "\",\"minutes\":" + minutes + ",\"performedAt\":\""
                    + time(performed) + "\"";
            long logged = performed + 600;
            pointsEvent(c, "service.logged.v1", service, logged, common + ",\"status\":\"PENDING\",\"decidedAs\":null,"
                    + "\"decidedAt\":null,\"points\":null");
            flow("services.logged", 1);
            long decided = performed + 3600 + random.nextInt(4 * 3600);
            if (random.nextInt(10) == 0) {
                pointsEvent(c, "service.rejected.v1", service, decided, common + ",\"status\":\"REJECTED\","
                        + "\"decidedAs\":\"COMMUNITY_WORKER\",\"decidedAt\":\"" + time(decided) + "\",\"points\":null");
                flow("services.rejected", 1);
                return;
            }
            int points = minutes / 4;
            pointsEvent(c, "service.confirmed.v1", service, decided, common + ",\"status\":\"CONFIRMED\",\"decidedAs\":\""
                    + (beneficiary != null ? "BENEFICIARY" : "COMMUNITY_WORKER") + "\",\"decidedAt\":\"" + time(decided)
                    + "\",\"points\":" + points);
            flow("services.confirmed", 1);
            flow("services.minutes", minutes);
            awarded(c, volunteer, "SERVICE", "\"serviceId\":\"" + service + "\",\"orderId\":null", points, minutes, decided);
        }

        private void awarded(Community c, UUID volunteer, String source, String what, int points, int minutes, long at) {
            pointsEvent(c, "points.awarded.v1", volunteer, at, "\"postingId\":\"" + uuid() + "\",\"communityId\":\"" + c.id
                    + "\",\"districtId\":\"" + DISTRICT + "\",\"volunteerId\":\"" + volunteer + "\",\"source\":\"" + source
                    + "\"," + what + ",\"points\":" + points + ",\"minutes\":" + minutes + ",\"balanceAfter\":"
                    + (points + random.nextInt(2000)) + ",\"awardedAt\":\"" + time(at) + "\"");
            flow("points.issued", points);
        }

        private void redemption(Community c, long at) {
            UUID volunteer = c.volunteers.get(random.nextInt(c.volunteers.size()));
            UUID redemption = uuid();
            UUID reward = uuid();
            int points = 50 + 10 * random.nextInt(46);
            String sponsor = random.nextBoolean() ? SPONSORS[random.nextInt(SPONSORS.length)] : null;
            pointsEvent(c, "points.redeemed.v1", volunteer, at, "\"postingId\":\"" + uuid() + "\",\"redemptionId\":\""
                    + redemption + "\",\"rewardId\":\"" + reward + "\",\"sponsorId\":" + quoted(sponsor) + ",\"communityId\":\""
                    + c.id + "\",\"districtId\":\"" + DISTRICT + "\",\"volunteerId\":\"" + volunteer + "\",\"points\":" + points
                    + ",\"balanceAfter\":" + random.nextInt(1000) + ",\"redeemedAt\":\"" + time(at) + "\"");
            flow("points.redeemed", points);
            flow("redemptions", 1);
            if (random.nextInt(10) < 8) {
                long handed = at + 1800 + random.nextInt(3600);
                pointsEvent(c, "redemption.handed-over.v1", volunteer, handed, "\"redemptionId\":\"" + redemption
                        + "\",\"rewardId\":\"" + reward + "\",\"sponsorId\":" + quoted(sponsor) + ",\"communityId\":\"" + c.id
                        + "\",\"volunteerId\":\"" + volunteer + "\",\"points\":" + points + ",\"handedOverAt\":\""
                        + time(handed) + "\"");
                flow("redemptions.handed-over", 1);
            }
        }

        private void pointsEvent(Community c, String type, UUID key, long at, String data) {
            String subject = type.startsWith("service.") ? "services/" + key : "volunteers/" + key;
            send("linli.points.events", key.toString(), type, "/linli/points-service", subject, c.id, at, data);
        }

        // --- canteen-service ---------------------------------------------------------------------------------------

        /** Ordered the afternoon before; served at the counter, or delivered (one door in twenty not answered). */
        private void lunch(Community c, LocalDate day, Person diner, boolean delivery) {
            UUID order = uuid();
            long midnight = epoch(day);
            String price = price(diner, delivery);
            String common = "\"orderId\":\"" + order + "\",\"dinerId\":\"" + diner.id + "\",\"communityId\":\"" + c.id
                    + "\",\"mealDate\":\"" + day + "\",\"meal\":\"LUNCH\"";
            canteen(c, order, "meal.ordered.v1", midnight - 8 * 3600 + random.nextInt(6 * 3600), common + ",\"service\":\""
                    + (delivery ? "DELIVERY" : "DINE_IN") + "\",\"standingOrderId\":null,\"dietaryNeeds\":"
                    + (diner.band >= 2 ? "[\"LOW_SALT\"]" : "[]") + ",\"price\":" + price);
            flow("meals.ordered", 1);
            if (!delivery) {
                long served = midnight + 11 * 3600 + random.nextInt(5400);
                canteen(c, order, "meal.served.v1", served, common + ",\"servedAt\":\"" + time(served) + "\",\"price\":" + price);
                flow("meals.served", 1);
                paid(price);
                return;
            }
            UUID run = UUID.nameUUIDFromBytes((c.id + day).getBytes(StandardCharsets.UTF_8));
            long at = midnight + 11 * 3600 + random.nextInt(5400);
            int roll = random.nextInt(20);
            if (roll == 0) {
                canteen(c, order, "meal.delivery-missed.v1", at, common + ",\"runId\":\"" + run + "\",\"attemptedAt\":\""
                        + time(at) + "\"");
                flow("meals.missed", 1);
                alert(c, diner.id, diner.grid, "DELIVERY_MISSED", at + 60, day);
                return;
            }
            UUID volunteer = c.volunteers.get(random.nextInt(c.volunteers.size()));
            boolean concern = roll == 1;
            canteen(c, order, "meal.delivered.v1", at, common + ",\"runId\":\"" + run + "\",\"deliveredBy\":{\"kind\":"
                    + "\"VOLUNTEER\",\"id\":\"" + volunteer + "\"},\"volunteerId\":\"" + volunteer + "\",\"welfareCheck\":\""
                    + (concern ? "CONCERN" : "OK") + "\",\"deliveredAt\":\"" + time(at) + "\",\"price\":" + price);
            flow("meals.delivered", 1);
            paid(price);
            if (concern) {
                flow("welfare.concerns", 1);
                alert(c, diner.id, diner.grid, "WELFARE_CONCERN", at + 30, day);
            }
            awarded(c, volunteer, "DELIVERY", "\"serviceId\":null,\"orderId\":\"" + order + "\"", 5, 20, at + 5);
        }

        /** A dine-in lunch of today, ordered and served now, in a random community. */
        void liveLunch(EventSink sink) {
            this.sink = sink;
            Community c = communities.get(random.nextInt(communities.size()));
            Person diner = c.elders.get(random.nextInt(c.elders.size()));
            UUID order = uuid();
            long now = Instant.now().getEpochSecond();
            String price = price(diner, false);
            String common = "\"orderId\":\"" + order + "\",\"dinerId\":\"" + diner.id + "\",\"communityId\":\"" + c.id
                    + "\",\"mealDate\":\"" + LocalDate.now(COMMUNITY_TIME) + "\",\"meal\":\"LUNCH\"";
            canteen(c, order, "meal.ordered.v1", now, common + ",\"service\":\"DINE_IN\",\"standingOrderId\":null,"
                    + "\"dietaryNeeds\":[],\"price\":" + price);
            canteen(c, order, "meal.served.v1", now, common + ",\"servedAt\":\"" + time(now) + "\",\"price\":" + price);
        }

        private void cancelledLunch(Community c, LocalDate day, Person diner) {
            UUID order = uuid();
            long midnight = epoch(day);
            String price = price(diner, false);
            String common = "\"orderId\":\"" + order + "\",\"dinerId\":\"" + diner.id + "\",\"communityId\":\"" + c.id
                    + "\",\"mealDate\":\"" + day + "\",\"meal\":\"LUNCH\"";
            long ordered = midnight - 8 * 3600 + random.nextInt(3 * 3600);
            canteen(c, order, "meal.ordered.v1", ordered, common + ",\"service\":\"DINE_IN\",\"standingOrderId\":null,"
                    + "\"dietaryNeeds\":[],\"price\":" + price);
            flow("meals.ordered", 1);
            canteen(c, order, "meal.cancelled.v1", ordered + 3600, common + ",\"reason\":\"CANCELLED\",\"refundedFen\":"
                    + elderPays(price));
            flow("meals.cancelled", 1);
        }

        /** 15 yuan (+3 delivered), the age band's or low income's subsidy, a sponsor's 2 yuan for two meals in five. */
        private String price(Person diner, boolean delivery) {
            long total = 1500 + (delivery ? 300 : 0);
            long subsidy = switch (diner.band) {
                case 1 -> 300;
                case 2 -> 500;
                default -> 800;
            };
            if (diner.lowIncome) {
                subsidy = Math.max(subsidy, 700);
            }
            boolean sponsored = random.nextInt(5) < 2;
            long sponsor = sponsored ? 200 : 0;
            return "{\"totalFen\":" + total + ",\"elderPaysFen\":" + (total - subsidy - sponsor) + ",\"subsidyFen\":" + subsidy
                    + ",\"sponsorFen\":" + sponsor + ",\"sponsorId\":" + (sponsored ? "\"" + SPONSORS[0] + "\"" : "null") + "}";
        }

        private void paid(String price) {
            flow("fen.total", field(price, "totalFen"));
            flow("fen.elder", field(price, "elderPaysFen"));
            flow("fen.subsidy", field(price, "subsidyFen"));
            flow("fen.sponsor", field(price, "sponsorFen"));
        }

        private static long elderPays(String price) {
            return field(price, "elderPaysFen");
        }

        private static long field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
            int end = at;
            while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
                end++;
            }
            return Long.parseLong(json.substring(at, end));
        }

        private void canteen(Community c, UUID order, String type, long at, String data) {
            send("linli.canteen.events", order.toString(), type, "/linli/canteen-service", "orders/" + order, c.id, at, data);
        }

        // --- plumbing ----------------------------------------------------------------------------------------------

        private void send(String topic, String key, String type, String source, String subject, String community, long at,
                String data) {
            StringBuilder value = new StringBuilder(data.length() + 300).append("{\"specversion\":\"1.0\",\"id\":\"")
                    .append(uuid()).append("\",\"source\":\"").append(source).append("\",\"type\":\"").append(type)
                    .append("\",\"time\":\"").append(time(at)).append("\",\"subject\":\"").append(subject).append('"');
            if (community != null) {
                value.append(",\"communityid\":\"").append(community).append('"');
            }
            value.append(",\"datacontenttype\":\"application/json\",\"data\":{").append(data).append("}}");
            String json = value.toString();
            sink.send(topic, key, type, json);
            records++;
            bytes += json.length();
            counts.merge(type, 1L, Long::sum);
        }

        private void flow(String metric, long value) {
            flows.merge(metric, value, Long::sum);
        }

        private static String quoted(Object value) {
            return value == null ? "null" : "\"" + value + "\"";
        }

        private static String time(long epochSecond) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }

        private static long epoch(LocalDate day) {
            return day.atStartOfDay(COMMUNITY_TIME).toEpochSecond();
        }

        /** A version 4 UUID from the seeded generator, so that a run is repeatable. */
        private UUID uuid() {
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;
            long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(high, low);
        }
    }

}
