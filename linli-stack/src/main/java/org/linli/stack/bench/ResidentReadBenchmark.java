package org.linli.stack.bench;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.linli.infra.OpenLoopLoad;
import org.linli.infra.PostgresEndpoint;
import org.linli.stack.CommunityGenerator;
import org.linli.stack.LinliStack;

/**
 * resident-service reads under load: get-by-id and a filtered, paged list, at one community (Changshan Garden, ~7,000
 * residents, loaded through the API) and at a district (the community's residents copied into 40 communities,
 * ~280,000 residents, by SQL: read benchmarks need the rows, not their events).
 *
 * <pre>
 * ./linli bench [--rate 500] [--seconds 30] [--communities 40]
 * </pre>
 */
public final class ResidentReadBenchmark {

    private ResidentReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = 500;
        int seconds = 30;
        int communities = 40;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--communities" -> communities = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            URI residents = stack.service("resident-service").baseUri();
            long t = System.nanoTime();
            CommunityGenerator generator = new CommunityGenerator(residents, 0, CommunityGenerator.newIdSequence());
            CommunityGenerator.Layout layout = generator.tree(CommunityGenerator.subdistrict(residents));
            generator.story(layout);
            generator.population(layout, 3100, 4, done -> { });
            System.out.printf("Loaded Changshan Garden through the API in %d s%n", (System.nanoTime() - t) / 1_000_000_000);

            PostgresEndpoint pg = stack.infrastructure().postgres();
            String url = pg.jdbcUrl("linli_resident");
            Duration duration = Duration.ofSeconds(seconds);
            List<OpenLoopLoad.Result> results = new ArrayList<>();
            results.addAll(measure("1 community", residents, url, pg, 1, rate, duration));
            copyCommunity(url, pg, communities - 1);
            results.addAll(measure(communities + " communities", residents, url, pg, communities, rate, duration));

            System.out.println();
            System.out.println("resident-service reads, open loop, latency from the scheduled send time");
            results.forEach(System.out::println);
            for (var service : LinliStack.SERVICES) {
                System.out.printf("%s RSS %d MiB%n", service, stack.service(service).residentSetMiB());
            }
        }
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
        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        for (String[] row : sample) {
            tokens.computeIfAbsent(row[0], CommunityGenerator::worker);
        }
        Random random = new Random(7);
        String[] surnames = { "王", "李", "张", "刘", "陈" };
        warm(base, sample, tokens);
        List<OpenLoopLoad.Result> results = new ArrayList<>();
        results.add(OpenLoopLoad.run(scale + ": get by id", rate, duration, i -> {
            String[] row = sample.get(random.nextInt(sample.size()));
            return OpenLoopLoad.get(base.resolve("/communities/" + row[0] + "/residents/" + row[1]), tokens.get(row[0]));
        }));
        results.add(OpenLoopLoad.run(scale + ": list, filtered, paged", rate, duration, i -> {
            String[] row = sample.get(random.nextInt(sample.size()));
            String query = switch (i % 3) {
                case 0 -> "flag=housebound&sort=name&size=20";
                case 1 -> "name=" + java.net.URLEncoder.encode(surnames[i % surnames.length], java.nio.charset.StandardCharsets.UTF_8)
                        + "&size=20&page=" + random.nextInt(3);
                default -> "gridId=" + row[2] + "&ageBand=AGED_75_84&sort=-age&size=50";
            };
            return OpenLoopLoad.get(base.resolve("/communities/" + row[0] + "/residents?" + query), tokens.get(row[0]));
        }));
        results.forEach(System.out::println);
        return results;
    }

    private static void warm(URI base, List<String[]> sample, java.util.Map<String, String> tokens) {
        OpenLoopLoad.run("warm-up", 200, Duration.ofSeconds(10), i -> {
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
