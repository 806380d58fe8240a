package org.linli.stack;

import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.linli.infra.DevTokens;
import org.linli.infra.PostgresEndpoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A month of Changshan Garden's life, against the running system, in compressed time, deterministic for a seed:
 * volunteers log services (visits, errands, companionship; snow sweeping on snowy days), most are confirmed and some
 * rejected; dine-in elders order and are served; housebound elders' standing orders are delivered by volunteers, with
 * some doors not answered and some worrying welfare checks; volunteers race for a scarce gift and book class seats.
 * Services are dated over the last {@code days} days; meals over the next {@code days} days. At the end it checks the
 * invariants of docs/architecture.md and returns the month in figures and whatever broke.
 *
 * <pre>
 * ./linli simulate [--days 30] [--households 3100] [--seed 7] [--faults]
 * </pre>
 *
 * With {@code --faults}: the Kafka broker is stopped for 30 s on day 2 while the day goes on, points-service is
 * killed with SIGKILL and started again on day 3, and every record on the canteen, points and resident topics is
 * delivered a second time on day 4; the same invariants must hold.
 */
public final class MonthInChangshanGarden {

    static final String[] VISITS = { "ELDER_CARE_VISIT", "ERRAND", "COMPANIONSHIP" };

    public record Summary(List<String> figures, List<String> broken) {
        public boolean holds() {
            return broken.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("The month in figures\n");
            figures.forEach(f -> out.append("  ").append(f).append('\n'));
            out.append(broken.isEmpty() ? "Every invariant held.\n" : "BROKEN:\n");
            broken.forEach(b -> out.append("  ").append(b).append('\n'));
            return out.toString();
        }
    }

    private final LinliStack stack;
    private final CommunityGenerator generator;
    private final int days;
    private final int households;
    private final Random random;
    private final ServiceApi residents;
    private final ServiceApi points;
    private final ServiceApi canteen;
    private final String community;
    private final String worker;
    private final ServiceApi dashboard;
    private final String staff;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> injected = new ArrayList<>();
    private final Set<String> redelivered = new HashSet<>();
    private boolean faults;

    /** Also inject the faults: the broker stopped for 30 s (day 2), points-service killed (day 3), topics redelivered (day 4). */
    public MonthInChangshanGarden withFaults() {
        this.faults = true;
        return this;
    }

    public MonthInChangshanGarden(LinliStack stack, CommunityGenerator generator, int days, int households, long seed) {
        this.stack = stack;
        this.generator = generator;
        this.days = days;
        this.households = households;
        this.random = new Random(seed);
        this.residents = new ServiceApi(stack.service("resident-service").baseUri());
        this.points = new ServiceApi(stack.service("points-service").baseUri());
        this.canteen = new ServiceApi(stack.service("canteen-service").baseUri());
        this.dashboard = new ServiceApi(stack.service("dashboard-service").baseUri());
        this.community = generator.code();
        this.worker = CommunityGenerator.worker(community);
        this.staff = DevTokens.as("canteen-staff").community(community).subject("canteen-staff-" + community).mint();
    }

    public Summary run() throws Exception {
        URI residentService = stack.service("resident-service").baseUri();
        CommunityGenerator.Layout layout = generator.tree(CommunityGenerator.subdistrict(residentService));
        CommunityGenerator.Story story = generator.story(layout);
        generator.population(layout, households, 2, done -> { });
        String prefix = "/communities/" + community;

        List<String> volunteers = new ArrayList<>();
        residents.get(worker, prefix + "/volunteers?status=APPROVED").forEach(v -> volunteers.add(v.path("residentId").asText()));
        List<String> housebound = ids(residents.get(worker, prefix + "/residents?flag=housebound&size=200"));
        List<String> elders = new ArrayList<>(ids(residents.get(worker, prefix + "/residents?ageBand=AGED_75_84&size=200")));
        elders.addAll(ids(residents.get(worker, prefix + "/residents?ageBand=AGED_60_74&size=200")));
        elders.removeAll(housebound);
        List<String> deliveries = housebound.subList(0, Math.min(8, housebound.size()));
        List<String> diners = elders.subList(0, Math.min(60, elders.size()));
        await(points, prefix + "/volunteers/" + volunteers.get(volunteers.size() - 1) + "/wallet", worker);
        for (String elder : union(deliveries, diners)) {
            await(canteen, prefix + "/diners/" + elder, staff);
        }
        count("volunteers", volunteers.size());
        count("housebound elders with lunch delivered", deliveries.size());
        count("dine-in elders", diners.size());

        String scarce = points.create(worker, prefix + "/rewards", Map.of("name", "Spring Festival rice, 10 kg",
                "pointsPrice", 30, "stock", 5, "sponsorId", "rural-commercial-bank"));
        String course = points.create(worker, prefix + "/classes", Map.of("title", "Hulusi"));
        String session = points.create(worker, prefix + "/classes/" + course + "/sessions", Map.of(
                "startsAt", OffsetDateTime.now(COMMUNITY_TIME).plusDays(days + 3).toString(), "seats", 10));
        for (String elder : deliveries) {
            canteen.create(staff, prefix + "/standing-orders", Map.of("dinerId", elder, "service", "DELIVERY",
                    "startsOn", LocalDate.now(COMMUNITY_TIME).plusDays(1).toString()));
        }

        LocalDate today = LocalDate.now(COMMUNITY_TIME);
        for (int d = 0; d < days; d++) {
            LocalDate serviceDay = today.minusDays(days - 1 - d);
            OffsetDateTime morning = serviceDay.atTime(9, 0).atZone(COMMUNITY_TIME).toOffsetDateTime();
            OffsetDateTime performedAt = morning.isAfter(OffsetDateTime.now().minusHours(1))
                    ? OffsetDateTime.now().minusHours(1) : morning;
            long brokerStopped = faults && d == 1 ? stopBroker() : 0;
            services(prefix, volunteers, union(deliveries, elders), performedAt);
            if (faults && d == 2) {
                killAndRestart("points-service");
            }
            if (random.nextInt(4) == 0) {
                snow(prefix, volunteers, performedAt);
            }
            meals(prefix, today.plusDays(1 + d), diners, volunteers);
            race(prefix, scarce, volunteers);
            if (brokerStopped != 0) {
                startBroker(brokerStopped);
            }
            if (faults && d == 3) {
                redeliver(List.of("linli.canteen.events", "linli.points.events", "linli.resident.events"));
            }
        }
        book(prefix, session, volunteers);
        return check(prefix, story, scarce);
    }

    private void services(String prefix, List<String> volunteers, List<String> beneficiaries, OffsetDateTime performedAt) {
        for (String volunteer : volunteers) {
            if (random.nextInt(10) >= 3) {
                continue;
            }
            String token = volunteerToken(volunteer);
            String beneficiary = beneficiaries.get(random.nextInt(beneficiaries.size()));
            if (beneficiary.equals(volunteer)) {
                continue;
            }
            var logged = points.post(token, prefix + "/services", Map.of("type", VISITS[random.nextInt(VISITS.length)],
                    "beneficiaryId", beneficiary, "minutes", 20 + random.nextInt(70), "performedAt", performedAt.toString()));
            if (logged.statusCode() != 201) {
                count("services refused at logging (" + logged.statusCode() + ")", 1);
                continue;
            }
            String id = id(logged.body());
            count("services logged", 1);
            boolean reject = random.nextInt(10) == 0;
            int decided = reject
                    ? points.post(worker, prefix + "/services/" + id + "/reject", Map.of("reason", "not done that day")).statusCode()
                    : points.post(worker, prefix + "/services/" + id + "/confirm", Map.of()).statusCode();
            count(decided != 200 ? "service decisions refused (" + decided + ")"
                    : reject ? "services rejected" : "services confirmed", 1);
        }
    }

    private void snow(String prefix, List<String> volunteers, OffsetDateTime performedAt) {
        List<String> crew = new ArrayList<>();
        for (int i = 0; i < Math.min(12, volunteers.size()); i++) {
            crew.add(volunteers.get(random.nextInt(volunteers.size())));
        }
        String activity = points.create(worker, prefix + "/activities", Map.of("type", "SNOW_SWEEPING",
                "title", "Clearing the paths after the night's snow", "performedAt", performedAt.toString(),
                "minutes", 90 + random.nextInt(90), "volunteerIds", new ArrayList<>(new TreeSet<>(crew))));
        points.post(worker, prefix + "/activities/" + activity + "/confirm", Map.of());
        count("snowy mornings swept", 1);
    }

    private void meals(String prefix, LocalDate day, List<String> diners, List<String> volunteers) {
        canteen.post(staff, prefix + "/days/" + day + "/materialise", Map.of());
        for (String diner : diners) {
            if (random.nextInt(10) < 8) {
                var ordered = canteen.post(staff, prefix + "/orders", Map.of("dinerId", diner, "date", day.toString(),
                        "service", "DINE_IN", "payment", "CASH"));
                if (ordered.statusCode() == 201) {
                    canteen.post(staff, prefix + "/orders/" + id(ordered.body()) + "/serve", Map.of());
                    count("lunches served at the counter", 1);
                }
            }
        }
        String deliverer = volunteers.get(random.nextInt(volunteers.size()));
        var run = canteen.post(staff, prefix + "/days/" + day + "/delivery-runs",
                Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id", deliverer)));
        if (run.statusCode() != 201) {
            count("days without a delivery run (" + run.statusCode() + ")", 1);
            return;
        }
        JsonNode created = json(run.body());
        String token = volunteerToken(deliverer);
        for (JsonNode stop : created.path("stops")) {
            int roll = random.nextInt(20);
            String check = roll == 0 ? "NO_ANSWER" : roll == 1 ? "CONCERN" : "OK";
            Map<String, Object> body = check.equals("CONCERN") ? Map.of("welfareCheck", check, "note", "says she feels dizzy")
                    : Map.of("welfareCheck", check);
            var outcome = canteen.post(token, prefix + "/delivery-runs/" + created.path("id").asText() + "/stops/"
                    + stop.path("stopId").asText() + "/outcome", body);
            count(outcome.statusCode() == 200 ? "doors: " + check : "doors refused (" + outcome.statusCode() + ")", 1);
            if (random.nextInt(10) == 0) { // a phone on a poor connection sends it again
                canteen.post(token, prefix + "/delivery-runs/" + created.path("id").asText() + "/stops/"
                        + stop.path("stopId").asText() + "/outcome", body);
            }
        }
    }

    /** Twenty volunteers tap "redeem" on the scarce gift at the same moment. */
    private void race(String prefix, String reward, List<String> volunteers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = volunteerToken(volunteers.get(random.nextInt(volunteers.size())));
            answers.add(pool.submit(() -> {
                start.await();
                return points.post(token, prefix + "/redemptions", Map.of("rewardId", reward)).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> answer : answers) {
            count(answer.get() == 201 ? "scarce gifts redeemed" : "redemptions refused (out of stock, limit or points)", 1);
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void book(String prefix, String session, List<String> volunteers) {
        for (String volunteer : volunteers.subList(0, Math.min(30, volunteers.size()))) {
            String token = volunteerToken(volunteer);
            if (points.post(token, prefix + "/class-credits", Map.of("credits", 1)).statusCode() == 201) {
                int booked = points.post(token, prefix + "/class-sessions/" + session + "/bookings", Map.of()).statusCode();
                count(booked == 201 ? "class seats booked" : "class bookings refused (full)", 1);
            }
        }
    }

    private long stopBroker() {
        var broker = stack.infrastructure().ownedBroker()
                .orElseThrow(() -> new IllegalStateException("the faults need a broker this process started"));
        broker.stop();
        injected.add("day 2: the Kafka broker stopped while the day went on (services, orders, deliveries, redemptions)");
        return System.nanoTime();
    }

    private void startBroker(long stoppedAt) throws InterruptedException {
        long down = System.nanoTime() - stoppedAt;
        long rest = Duration.ofSeconds(30).toNanos() - down;
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000);
        }
        stack.infrastructure().ownedBroker().orElseThrow().start();
        injected.add("day 2: the broker came back after " + Math.max(30, down / 1_000_000_000) + " s");
    }

    private void killAndRestart(String service) {
        long t = System.nanoTime();
        stack.service(service).kill();
        stack.relaunch(service);
        injected.add("day 3: " + service + " killed with SIGKILL and started again (" + (System.nanoTime() - t) / 1_000_000
                + " ms down)");
    }

    /** Puts every record of these topics on them a second time, as a broker or a replaying consumer might. */
    private void redeliver(List<String> topics) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", stack.infrastructure().kafkaBootstrapServers());
        long copied = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
                var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.StringSerializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(
                        new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new org.apache.kafka.common.TopicPartition(record.topic(),
                            record.partition()))) {
                        continue;
                    }
                    JsonNode event = json(record.value());
                    if (community.equals(event.path("communityid").asText())) {
                        redelivered.add(event.path("id").asText());
                    }
                    var copy = new org.apache.kafka.clients.producer.ProducerRecord<>(record.topic(), record.key(),
                            record.value());
                    record.headers().forEach(h -> copy.headers().add(h));
                    producer.send(copy);
                    copied++;
                }
            }
            producer.flush();
        }
        injected.add("day 4: " + copied + " records of " + String.join(", ", topics) + " delivered a second time");
    }

    private Summary check(String prefix, CommunityGenerator.Story story, String scarce) throws Exception {
        List<String> broken = new ArrayList<>();
        YearMonth month = YearMonth.now(COMMUNITY_TIME);
        Settled settled = settledAudit();
        TopicAudit audit = settled.audit();

        JsonNode proof = points.get(worker, prefix + "/ledger/verify");
        if (!proof.path("holds").asBoolean()) {
            broken.add("the ledger does not verify: " + proof);
        }
        JsonNode reward = points.get(worker, prefix + "/rewards/" + scarce);
        long redeemed = counts.getOrDefault("scarce gifts redeemed", 0L);
        if (reward.path("stock").asLong() < 0 || reward.path("stock").asLong() != 5 - redeemed) {
            broken.add("scarce gift: stock " + reward.path("stock") + " after " + redeemed + " redemptions of 5");
        }
        audit.deliveredByVolunteer.forEach((order, times) -> {
            if (times != 1) {
                broken.add("order " + order + " delivered " + times + " times");
            }
            if (audit.deliveryCredits.getOrDefault(order, 0) != 1) {
                broken.add("delivery of order " + order + " credited " + audit.deliveryCredits.getOrDefault(order, 0)
                        + " times");
            }
        });
        if (!audit.deliveryCredits.keySet().equals(audit.deliveredByVolunteer.keySet())) {
            broken.add("delivery credits for orders nobody delivered");
        }
        long missedAlerts = 0;
        for (JsonNode alert : residents.get(worker, prefix + "/care-alerts?open=false&size=500")) {
            missedAlerts += alert.path("cause").asText().equals("DELIVERY_MISSED") ? 1 : 0;
        }
        if (missedAlerts != audit.missedDoors) {
            broken.add(audit.missedDoors + " doors not answered but " + missedAlerts + " care alerts for them");
        }
        // at least once: the relay may send an event again when it died between the broker's ack and marking it sent
        // (SIGKILL); consumers and this audit count an event id once, so that is never counted twice
        long resent = audit.eventIds.entrySet().stream()
                .filter(e -> e.getValue() > (redelivered.contains(e.getKey()) ? 2 : 1)).count();
        count("events the relay published twice around a crash (each counted once)", resent);
        // every event committed before the topics were read is on them; every event on them was committed (events
        // committed since, such as a care alert's escalation a few seconds after the last door, are not yet counted)
        settled.committed().forEach((source, ids) -> {
            long missing = ids.stream().filter(id -> !audit.eventIds.containsKey(id)).count();
            if (missing > 0) {
                broken.add(source + ": " + ids.size() + " events committed, " + missing + " of them not on the topics");
            }
        });
        Set<String> committedSince = new HashSet<>();
        committedEventIds().values().forEach(committedSince::addAll);
        long uncommitted = audit.eventIds.keySet().stream().filter(id -> !committedSince.contains(id)).count();
        if (uncommitted > 0) {
            broken.add(uncommitted + " events on the topics that no outbox committed");
        }
        Map<String, Integer> committed = new TreeMap<>();
        settled.committed().forEach((source, ids) -> committed.put(source, ids.size()));

        // dashboard-service, from the topics alone, shows the month the services report; again after a rebuild
        JsonNode report = points.get(worker, prefix + "/reports/monthly?month=" + month);
        JsonNode settlement = canteen.get(staff, prefix + "/settlements/monthly/" + month);
        String figuresPath = prefix + "/figures?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        JsonNode totals = dashboard.get(worker, figuresPath).path("totals");
        String mismatch = dashboardDiffers(report, settlement, totals);
        if (!mismatch.isEmpty()) {
            broken.add("dashboard-service differs from the services' reports: " + mismatch);
        }
        String operator = org.linli.infra.DevTokens.as("operator").subject("operator-month").mint();
        dashboard.post(operator, "/admin/rebuild", null);
        JsonNode rebuilt = dashboard.await(operator, "/admin/rebuild", Duration.ofSeconds(600),
                r -> !"REPLAYING".equals(r.path("state").asText()) && !"SWAPPING".equals(r.path("state").asText()));
        if (!"DONE".equals(rebuilt.path("state").asText())) {
            broken.add("the dashboard rebuild did not finish: " + rebuilt);
        }
        String afterRebuild = dashboardDiffers(report, settlement, dashboard.get(worker, figuresPath).path("totals"));
        if (!afterRebuild.isEmpty()) {
            broken.add("after a rebuild, dashboard-service differs from the services' reports: " + afterRebuild);
        }

        List<String> figures = new ArrayList<>();
        injected.forEach(fault -> figures.add("fault injected, " + fault));
        counts.forEach((what, n) -> figures.add(n + " " + what));
        figures.add("moral bank, " + month + ": " + report.path("servicesConfirmed") + " services confirmed, "
                + report.path("hours") + " hours, " + report.path("pointsIssued") + " points issued, "
                + report.path("pointsRedeemed") + " redeemed, " + report.path("deliveriesCredited") + " deliveries credited");
        figures.add("ledger: " + proof.path("postings") + " postings over " + proof.path("accounts") + " accounts, chain "
                + (proof.path("chainIntact").asBoolean() ? "intact" : "BROKEN"));
        figures.add("canteen: " + totals.path("meals.delivered") + " lunches delivered, " + totals.path("meals.served")
                + " served, " + audit.missedDoors + " doors not answered, " + missedAlerts + " care alerts for them");
        figures.add("dashboard: rebuilt from " + rebuilt.path("recordsReplayed") + " records (" + rebuilt.path("eventsProjected")
                + " events) and swapped in; figures equal the services' before and after");
        figures.add("events: " + committed + " committed; " + audit.eventIds.size() + " distinct on the topics");
        return new Summary(figures, broken);
    }

    /**
     * Waits until the system has settled: every outbox drained onto the topics and every consumer group caught up with
     * every topic it reads (after a crash, a group takes over the dead member's partitions only when its session times
     * out). Then reads the topics.
     */
    private Settled settledAudit() throws Exception {
        String kafka = stack.infrastructure().kafkaBootstrapServers();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long settledSince = 0;
        while (true) {
            Map<String, Set<String>> committed = committedEventIds(); // before the topics are read
            TopicAudit audit = TopicAudit.fromTopics(kafka, community);
            boolean drained = committed.values().stream().allMatch(ids -> audit.eventIds.keySet().containsAll(ids));
            if (!drained || !consumersCaughtUp(kafka)) {
                settledSince = 0;
            } else if (settledSince == 0) {
                settledSince = System.nanoTime();
            } else if (System.nanoTime() - settledSince >= Duration.ofSeconds(1).toNanos()) {
                return new Settled(audit, committed); // settled twice a second apart: what the last records did is in
            }
            if (System.nanoTime() > deadline) {
                return new Settled(audit, committed);
            }
            Thread.sleep(1000);
        }
    }

    /** The topics read once the system settled, and the events each service had committed just before that read. */
    private record Settled(TopicAudit audit, Map<String, Set<String>> committed) {
    }

    /** "" when the dashboard's month equals the services' reports, else what differs. */
    private static String dashboardDiffers(JsonNode report, JsonNode settlement, JsonNode totals) {
        String mismatch = "";
        String[][] pairs = { { "servicesConfirmed", "services.confirmed" }, { "pointsIssued", "points.issued" },
                { "pointsRedeemed", "points.redeemed" } };
        for (String[] pair : pairs) {
            if (report.path(pair[0]).asLong() != totals.path(pair[1]).asLong()) {
                mismatch += pair[1] + ": the service says " + report.path(pair[0]) + ", the dashboard " + totals.path(pair[1]) + "; ";
            }
        }
        String[][] meals = { { "delivered", "meals.delivered" }, { "dineIn", "meals.served" }, { "totalFen", "fen.total" },
                { "elderPaidFen", "fen.elder" } };
        for (String[] pair : meals) {
            if (settlement.path(pair[0]).asLong() != totals.path(pair[1]).asLong()) {
                mismatch += pair[1] + ": the canteen says " + settlement.path(pair[0]) + ", the dashboard "
                        + totals.path(pair[1]) + "; ";
            }
        }
        return mismatch;
    }

    /** Whether each service's consumer group has committed offsets up to the end of every partition it reads. */
    private static boolean consumersCaughtUp(String kafka) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", kafka);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            for (String group : LinliStack.SERVICES) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var latest = new HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
                committed.keySet().forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() == null || entry.getValue().offset() < ends.get(entry.getKey()).offset()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The ids of the events each service committed for this community (its outbox, published or not), by CloudEvents source. */
    private Map<String, Set<String>> committedEventIds() throws Exception {
        PostgresEndpoint pg = stack.infrastructure().postgres();
        Map<String, Set<String>> committed = new TreeMap<>();
        for (String service : LinliStack.PUBLISHERS) {
            String database = "linli_" + service.replace("-service", "");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
                    PreparedStatement s = c.prepareStatement(
                            "select source, id from outbox_event where community_id = ?")) {
                s.setString(1, community);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        committed.computeIfAbsent(rows.getString(1), source -> new HashSet<>()).add(rows.getString(2));
                    }
                }
            }
        }
        return committed;
    }

    private void count(String what, long n) {
        synchronized (counts) {
            counts.merge(what, n, Long::sum);
        }
    }

    private String volunteerToken(String volunteer) {
        return DevTokens.as("volunteer").community(community).subject(volunteer).mint();
    }

    private static void await(ServiceApi api, String path, String token) {
        if (!api.awaitOk(token, path, Duration.ofSeconds(60))) {
            throw new IllegalStateException(path + " did not become available");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String id(String body) {
        return json(body).path("id").asText();
    }

    private static JsonNode json(String body) {
        try {
            return TopicAudit.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable answer: " + body, e);
        }
    }

    /** {@code ./linli simulate [--days 30] [--households 3100] [--seed 7]}: exits 1 when an invariant broke. */
    public static void main(String[] args) throws Exception {
        int days = 30;
        int households = 3100;
        long seed = 7;
        boolean withFaults = java.util.Arrays.asList(args).contains("--faults");
        args = java.util.Arrays.stream(args).filter(a -> !a.equals("--faults")).toArray(String[]::new);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--households" -> households = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        Summary summary;
        long started = System.nanoTime();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/simulation-logs"))) {
            URI residentService = stack.service("resident-service").baseUri();
            MonthInChangshanGarden month = new MonthInChangshanGarden(stack, new CommunityGenerator(residentService, 0,
                    CommunityGenerator.newIdSequence()), days, households, seed);
            summary = (withFaults ? month.withFaults() : month).run();
        }
        System.out.println(summary);
        System.out.printf("%d days simulated in %d s%n", days, (System.nanoTime() - started) / 1_000_000_000);
        System.exit(summary.holds() ? 0 : 1);
    }
}
