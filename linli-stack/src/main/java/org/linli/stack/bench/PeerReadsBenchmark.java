package org.linli.stack.bench;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linli.infra.PostgresEndpoint;
import org.linli.stack.CommunityGenerator;
import org.linli.stack.LinliStack;
import org.linli.stack.ServiceJvm;
import org.linli.stack.ServiceProcess;

/**
 * resident-service's get-by-id beside a peer's, measured as a newcomer would (issue 17): {@code wrk -t2 -c32 -d15s},
 * closed loop, the two servers taking turns on the same machine and the same PostgreSQL. The peer is the Quarkus
 * "Hibernate ORM with Panache" quickstart (its {@code GET /entity/fruits/{id}}), built outside this repository from its
 * public source (benchmarks/README.md says how) and given with {@code --peer path/to/quarkus-run.jar}; it runs on the
 * services' JVM ({@code ServiceJvm}) with {@code -XX:+UseSerialGC -Xmx256m}, as resident-service does, its
 * second-level cache off (ours has none) and its SQL log off (ours logs no statement).
 * <p>
 * Ours answers with everything a community worker's request goes through: a bearer token verified, the community's
 * scope checked, the resident read from a community of ~2,000 and answered with masked contact fields. Its requests
 * spread over random residents of Changshan Garden; the peer's over its three fruits.
 *
 * <pre>
 * ./linli bench reads --peer /path/to/hibernate-orm-panache-quickstart/target/quarkus-app/quarkus-run.jar \
 *     [--rounds 3] [--seconds 15] [--warm-seconds 30] [--households 1000]
 * </pre>
 */
public final class PeerReadsBenchmark {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    private PeerReadsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path peer = null;
        int rounds = 3;
        int seconds = 15;
        int warmSeconds = 30;
        int households = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--peer" -> peer = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warm-seconds" -> warmSeconds = Integer.parseInt(args[i + 1]);
                case "--households" -> households = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (peer == null || !Files.exists(peer)) {
            throw new IllegalArgumentException("--peer must name the quickstart's quarkus-run.jar (benchmarks/README.md)");
        }
        wrk("--version"); // fails early where wrk is missing (apt-get install wrk)
        Path home = LinliStack.home();
        Path work = Files.createDirectories(home.resolve("target/bench-reads"));
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            URI residents = stack.service("resident-service").baseUri();
            CommunityGenerator generator = new CommunityGenerator(residents, 0, CommunityGenerator.newIdSequence());
            CommunityGenerator.Layout layout = generator.tree(CommunityGenerator.subdistrict(residents));
            generator.story(layout);
            generator.population(layout, households, 4, done -> { });
            PostgresEndpoint pg = stack.infrastructure().postgres();
            List<String> ids = residentIds(pg);
            Path oursScript = script(work.resolve("ours.lua"), "/communities/" + CommunityGenerator.COMMUNITY + "/residents/",
                    ids, CommunityGenerator.worker(CommunityGenerator.COMMUNITY));
            Path peerScript = script(work.resolve("peer.lua"), "/entity/fruits/", List.of("1", "2", "3"), null);

            createDatabase(pg, "linli_peer");
            int peerPort = org.linli.infra.FreePorts.pick();
            try (PeerProcess quickstart = PeerProcess.start(peer, peerPort, pg, work.resolve("peer.log"))) {
                URI ours = residents.resolve("/");
                URI theirs = URI.create("http://localhost:" + peerPort + "/");
                System.out.printf("resident-service: %d residents in %s; peer: %s on %s%n", ids.size(),
                        CommunityGenerator.COMMUNITY, peer, ServiceJvm.chosen().describe(peer.getParent()));
                // both warmed (JIT: resident-service's CPU per request still fell by a third between rounds after 10 s)
                long oursPid = stack.service("resident-service").pid();
                long theirsPid = quickstart.process().pid();
                run(ours, oursScript, warmSeconds, oursPid);
                run(theirs, peerScript, warmSeconds, theirsPid);
                List<String> lines = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    lines.add(String.format("round %d  resident-service get by id  %s", round,
                            run(ours, oursScript, seconds, oursPid)));
                    System.out.println(lines.get(lines.size() - 1));
                    lines.add(String.format("round %d  quickstart get by id        %s", round,
                            run(theirs, peerScript, seconds, theirsPid)));
                    System.out.println(lines.get(lines.size() - 1));
                }
                System.out.printf("%n=== get by id, wrk -t2 -c32 -d%ds, alternating ===%n", seconds);
                lines.forEach(System.out::println);
                ServiceProcess service = stack.service("resident-service");
                System.out.printf("RSS: resident-service %d MiB, quickstart %d MiB%n", service.residentSetMiB(),
                        quickstart.residentSetMiB());
            }
        }
    }

    /**
     * One wrk measurement: requests/s, p50, p99, errors, and the server's CPU per request (its process's user + system
     * time over the requests answered: the figure that holds when the machine is noisy and throughput is not).
     */
    private static String run(URI base, Path script, int seconds, long pid) throws Exception {
        double cpuBefore = ProcessCpu.ofProcess(pid);
        String out = wrk("-t2", "-c32", "-d" + seconds + "s", "--latency", "-s", script.toString(), base.toString());
        Matcher rate = RATE.matcher(out);
        Matcher p50 = P50.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!rate.find() || !p50.find() || !p99.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        double cpuSeconds = ProcessCpu.ofProcess(pid) - cpuBefore;
        Matcher requests = REQUESTS.matcher(out);
        double cpuPerRequest = requests.find() ? cpuSeconds * 1000 / Long.parseLong(requests.group(1)) : Double.NaN;
        Matcher errors = ERRORS.matcher(out);
        String failed = errors.find() ? "  ERRORS: " + errors.group() : "";
        return String.format(Locale.ROOT, "%,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  CPU %.3f ms/request%s",
                Double.parseDouble(rate.group(1)), millis(p50), millis(p99), cpuPerRequest, failed);
    }

    private static double millis(Matcher m) {
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String wrk(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install wrk)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /** A wrk script: each request a random id of {@code ids} under {@code path}, with the bearer token if any. */
    private static Path script(Path file, String path, List<String> ids, String token) throws IOException {
        StringBuilder lua = new StringBuilder("local ids = {");
        for (String id : ids) {
            lua.append('"').append(id).append("\",");
        }
        lua.append("}\n");
        if (token != null) {
            lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n");
        }
        lua.append("wrk.headers[\"Accept\"] = \"application/json\"\n");
        lua.append("request = function()\n  return wrk.format(\"GET\", \"").append(path)
                .append("\" .. ids[math.random(#ids)])\nend\n");
        return Files.writeString(file, lua.toString());
    }

    private static List<String> residentIds(PostgresEndpoint pg) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("linli_resident"), pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select id from resident where community_id = '"
                        + CommunityGenerator.COMMUNITY + "'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static void createDatabase(PostgresEndpoint pg, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        }
    }

    /** The quickstart's JVM: it creates its schema and loads its three fruits at start. */
    private record PeerProcess(Process process) implements AutoCloseable {

        static PeerProcess start(Path jar, int port, PostgresEndpoint pg, Path log) throws Exception {
            List<String> command = List.of(ServiceJvm.chosen().java().toString(), "-XX:+UseSerialGC", "-Xmx256m",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl("linli_peer"),
                    "-Dquarkus.datasource.username=" + pg.username(),
                    "-Dquarkus.datasource.password=" + pg.password(),
                    "-Dquarkus.hibernate-orm.schema-management.strategy=drop-and-create",
                    "-Dquarkus.hibernate-orm.log.sql=false",
                    "-jar", jar.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            PeerProcess peer = new PeerProcess(process);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/entity/fruits/1")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        return peer;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
            peer.close();
            throw new IllegalStateException("the quickstart did not answer; see " + log);
        }

        long residentSetMiB() {
            return ServiceProcess.Memory.of(process.pid()).rss();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
