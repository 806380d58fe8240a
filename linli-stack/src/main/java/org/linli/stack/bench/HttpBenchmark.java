package org.linli.stack.bench;

import static org.linli.stack.LinliStack.COMMUNITY_TIME;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import org.linli.infra.DevTokens;
import org.linli.infra.OpenLoopLoad;
import org.linli.infra.PostgresEndpoint;
import org.linli.stack.CommunityGenerator;
import org.linli.stack.LinliStack;

/**
 * The HTTP benchmark: resident-service's get-by-id and filtered, paged list, and canteen-service's meal ordering, at
 * fixed rates (open loop), at one community and at a district of 40. Changshan Garden (~7,000 residents) is loaded
 * through resident-service's API; its ~1,900 residents aged 60+ reach canteen-service as diners through the resident
 * events, and get prepaid meal accounts. The district is made by SQL (read and write benchmarks need the rows, not
 * their events): the community's residents and diners copied 39 times, and the district's order history, a year of
 * lunches (~150 a day in each community, as in domain.md), written into canteen-service's database.
 *
 * <pre>
 * ./linli bench [http] [--rate 300] [--order-rate 150] [--seconds 30] [--communities 40] [--history-days 365]
 * </pre>
 */
public final class HttpBenchmark {

    /** Before each measurement, the same requests at the same rate: a fresh JVM's first seconds are JIT compilation. */
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private HttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = 300;
        int orderRate = 150;
        int seconds = 30;
        int communities = 40;
        int historyDays = 365;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--order-rate" -> orderRate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--communities" -> communities = Integer.parseInt(args[i + 1]);
                case "--history-days" -> historyDays = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            URI residents = stack.service("resident-service").baseUri();
            URI canteen = stack.service("canteen-service").baseUri();
            long t = System.nanoTime();
            CommunityGenerator generator = new CommunityGenerator(residents, 0, CommunityGenerator.newIdSequence());
            CommunityGenerator.Layout layout = generator.tree(CommunityGenerator.subdistrict(residents));
            generator.story(layout);
            generator.population(layout, 3100, 4, done -> { });
            System.out.printf("Loaded Changshan Garden through the API in %d s%n", (System.nanoTime() - t) / 1_000_000_000);

            PostgresEndpoint pg = stack.infrastructure().postgres();
            String url = pg.jdbcUrl("linli_resident");
            CanteenData canteenData = new CanteenData(pg, pg.jdbcUrl("linli_canteen"));
            int diners = canteenData.awaitDiners(CommunityGenerator.COMMUNITY);
            canteenData.openAccounts();
            System.out.printf("canteen-service: %d diners in Changshan Garden (from resident events), accounts opened%n", diners);
            analyze(pg, "linli_resident", "linli_canteen"); // what autovacuum would have done by the next morning

            Duration duration = Duration.ofSeconds(seconds);
            List<OpenLoopLoad.Result> results = new ArrayList<>();
            results.addAll(measure("1 community", residents, url, pg, 1, rate, duration));
            results.add(mealOrdering("1 community", canteen, canteenData, orderRate, duration, 1));

            copyCommunity(url, pg, communities - 1);
            canteenData.copyCommunity(CommunityGenerator.COMMUNITY, communities - 1);
            canteenData.history(historyDays, 150);
            results.addAll(measure(communities + " communities", residents, url, pg, communities, rate, duration));
            results.add(mealOrdering(communities + " communities", canteen, canteenData, orderRate, duration, 20));

            System.out.println();
            System.out.println("Open loop, latency from the scheduled send time");
            results.forEach(System.out::println);
            for (var service : LinliStack.SERVICES) {
                System.out.printf("%s RSS %d MiB%n", service, stack.service(service).residentSetMiB());
            }
        }
    }

    /**
     * Lunch orders placed by canteen staff for diners of every community of the scale, paid from the prepaid account:
     * price rule, account charge, the order, its outbox event, one transaction each. Each diner orders once per day;
     * days start {@code firstDay} days ahead (orders close at the cut-off of their own day).
     */
    private static OpenLoopLoad.Result mealOrdering(String scale, URI canteen, CanteenData data, int rate, Duration duration,
            int firstDay) throws Exception {
        List<String[]> diners = data.diners(); // community, resident id
        Map<String, String> staff = new HashMap<>();
        for (String[] diner : diners) {
            staff.computeIfAbsent(diner[0], c -> DevTokens.as("canteen-staff").community(c).subject("canteen-staff-bench").mint());
        }
        System.out.printf("%s: %d diners, %d orders on file%n", scale, diners.size(), data.orders());
        LocalDate tomorrow = LocalDate.now(COMMUNITY_TIME).plusDays(1);
        BiFunction<LocalDate, Integer, HttpRequest> order = (first, i) -> {
            String[] diner = diners.get(i % diners.size());
            LocalDate day = first.plusDays(i / diners.size());
            return OpenLoopLoad.post(canteen.resolve("/communities/" + diner[0] + "/orders"), staff.get(diner[0]),
                    "{\"dinerId\":\"" + diner[1] + "\",\"date\":\"" + day + "\",\"service\":\"DINE_IN\",\"payment\":\"ACCOUNT\"}");
        };
        LocalDate warmDays = tomorrow.plusDays(firstDay + 60);
        OpenLoopLoad.run("warm-up", rate, WARM_UP, i -> order.apply(warmDays, i)); // JIT-compiled before it counts
        LocalDate first = tomorrow.plusDays(firstDay);
        return measured(() -> OpenLoopLoad.run(scale + ": POST /orders", rate, duration, i -> order.apply(first, i)));
    }

    private static List<OpenLoopLoad.Result> measure(String scale, URI base, String url, PostgresEndpoint pg, int communities,
            int rate, Duration duration) throws Exception {
        List<String[]> sample = new ArrayList<>(); // community, resident id, grid id
        long count;
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("select count(*) from resident")) {
                rows.next();
                count = rows.getLong(1);
            }
            try (ResultSet rows = s.executeQuery("select community_id, id, grid_id from resident where grid_id is not null "
                    + "order by md5(id::text) limit 20000")) {
                while (rows.next()) {
                    sample.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3) });
                }
            }
        }
        System.out.printf("%s: %d residents%n", scale, count);
        Map<String, String> tokens = new HashMap<>();
        for (String[] row : sample) {
            tokens.computeIfAbsent(row[0], CommunityGenerator::worker);
        }
        Random random = new Random(7);
        String[] surnames = { "王", "李", "张", "刘", "陈" };
        warm(base, sample, tokens, rate);
        List<OpenLoopLoad.Result> results = new ArrayList<>();
        results.add(measured(() -> OpenLoopLoad.run(scale + ": get by id", rate, duration, i -> {
            String[] row = sample.get(random.nextInt(sample.size()));
            return OpenLoopLoad.get(base.resolve("/communities/" + row[0] + "/residents/" + row[1]), tokens.get(row[0]));
        })));
        results.add(measured(() -> OpenLoopLoad.run(scale + ": list, filtered, paged", rate, duration, i -> {
            String[] row = sample.get(random.nextInt(sample.size()));
            String query = switch (i % 3) {
                case 0 -> "flag=housebound&sort=name&size=20";
                case 1 -> "name=" + java.net.URLEncoder.encode(surnames[i % surnames.length], java.nio.charset.StandardCharsets.UTF_8)
                        + "&size=20&page=" + random.nextInt(3);
                default -> "gridId=" + row[2] + "&ageBand=AGED_75_84&sort=-age&size=50";
            };
            return OpenLoopLoad.get(base.resolve("/communities/" + row[0] + "/residents?" + query), tokens.get(row[0]));
        })));
        return results;
    }

    private static void analyze(PostgresEndpoint pg, String... databases) throws Exception {
        for (String database : databases) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
                    Statement s = c.createStatement()) {
                s.execute("analyze");
            }
        }
    }

    /** Runs a measurement and prints it with the CPU each process used meanwhile (who was busy on the two cores). */
    private static OpenLoopLoad.Result measured(java.util.function.Supplier<OpenLoopLoad.Result> run) {
        ProcessCpu before = ProcessCpu.now();
        OpenLoopLoad.Result result = run.get();
        System.out.println(result);
        System.out.printf("  CPU meanwhile (%.0f s x 2 cores): %s%n", result.seconds(), ProcessCpu.now().since(before));
        return result;
    }

    private static void warm(URI base, List<String[]> sample, Map<String, String> tokens, int rate) {
        OpenLoopLoad.run("warm-up", rate, WARM_UP, i -> {
            String[] row = sample.get(i % sample.size());
            return OpenLoopLoad.get(base.resolve(i % 2 == 0 ? "/communities/" + row[0] + "/residents/" + row[1]
                    : "/communities/" + row[0] + "/residents?flag=livesAlone&size=20"), tokens.get(row[0]));
        });
    }

    /** Copies Changshan Garden's residents into {@code copies} more communities of the same district, by SQL. */
    private static void copyCommunity(String url, PostgresEndpoint pg, int copies) throws Exception {
        long t = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("insert into org_unit (id, kind, parent_id, code, name, district_code, community_code, created_at) "
                    + "select gen_random_uuid(), 'COMMUNITY', parent_id, code || '-copy-' || n, name || n, district_code, "
                    + "code || '-copy-' || n, now() from org_unit, generate_series(1, " + copies + ") n "
                    + "where kind = 'COMMUNITY' and code = '" + CommunityGenerator.COMMUNITY + "'");
            s.execute("insert into resident (id, community_id, name, gender, birth_date, lives_alone, housebound, "
                    + "chronic_illness, low_income, dietary_needs, registered_at, moved_out_on, version, district_id, "
                    + "household_id, relationship_to_head, grid_id, building_id, unit_id, national_id_cipher, national_id_hash, "
                    + "phone_cipher, phone_masked, national_id_masked, party_member, status, merged_into) "
                    + "select gen_random_uuid(), community_id || '-copy-' || n, name, gender, birth_date, lives_alone, "
                    + "housebound, chronic_illness, low_income, dietary_needs, registered_at, moved_out_on, version, district_id, "
                    + "household_id, relationship_to_head, grid_id, building_id, unit_id, national_id_cipher, null, phone_cipher, "
                    + "phone_masked, national_id_masked, "
                    + "party_member, status, merged_into from resident, generate_series(1, " + copies + ") n "
                    + "where community_id = '" + CommunityGenerator.COMMUNITY + "'");
            s.execute("analyze resident");
        }
        System.out.printf("Copied the community %d times by SQL in %d s%n", copies, (System.nanoTime() - t) / 1_000_000_000);
    }
}
