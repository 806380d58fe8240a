package org.linli.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The run command ({@code ./linli run}): PostgreSQL, Kafka and the three services, the people of Changshan Garden's
 * story at once, then the rest of the community (about 3,100 households; {@code -Dlinli.households}) in the
 * background, until Ctrl-C.
 */
public final class RunMain {

    private RunMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        long started = System.nanoTime();
        Path home = LinliStack.home();
        Path logs = home.resolve("target/linli-run");
        int basePort = Integer.parseInt(System.getProperty("linli.base-port", "8080"));
        int households = Integer.parseInt(System.getProperty("linli.households", "3100"));
        System.out.println("Starting PostgreSQL, Kafka and the Linli services (logs in " + logs + ") ...");

        LinliStack stack = LinliStack.start(home, basePort, logs);
        // the stack stops its services first (LinliStack.start registered that), then this, then Kafka and PostgreSQL
        stack.infrastructure().beforeStop(() -> System.out.println("\nServices stopped; stopping Kafka and PostgreSQL ..."));

        var residentService = stack.service("resident-service").baseUri();
        CommunityGenerator generator = new CommunityGenerator(residentService, 0, CommunityGenerator.newIdSequence());
        CommunityGenerator.Layout layout = null;
        CommunityGenerator.Story story = null;
        if (!generator.exists()) {
            layout = generator.tree(CommunityGenerator.subdistrict(residentService));
            story = generator.story(layout);
        }
        List<String> life = story == null ? List.of()
                : new CommunityLife(stack.service("points-service").baseUri(), stack.service("canteen-service").baseUri(),
                        CommunityGenerator.COMMUNITY).seed(story);
        greet(stack, story, life, (System.nanoTime() - started) / 1_000_000_000);

        if (layout != null && households > 0) {
            CommunityGenerator.Layout tree = layout;
            Files.createDirectories(logs);
            PrintStream progress = new PrintStream(Files.newOutputStream(logs.resolve("seed.log")), true);
            Thread seeding = new Thread(() -> {
                long t = System.nanoTime();
                System.out.printf("Loading the rest of Changshan Garden (%d households) in the background; progress in %s%n",
                        households, logs.resolve("seed.log"));
                try {
                    int residents = generator.population(tree, households, 4,
                            done -> progress.printf("%d of %d households%n", done, households));
                    System.out.printf("Changshan Garden loaded: %d households, %d residents more, in %d s%n", households,
                            residents, (System.nanoTime() - t) / 1_000_000_000);
                } catch (RuntimeException e) {
                    System.out.println("Loading the sample community stopped: " + e.getMessage());
                }
            }, "seed-changshan-garden");
            seeding.setDaemon(true);
            seeding.start();
        }
        new CountDownLatch(1).await(); // until Ctrl-C; the infrastructure's shutdown hook stops everything
    }

    private static void greet(LinliStack stack, CommunityGenerator.Story story, List<String> life, long seconds) {
        String worker = CommunityGenerator.worker(CommunityGenerator.COMMUNITY);
        String msZhao = story == null ? "<resident id>" : story.msZhao();
        String community = CommunityGenerator.COMMUNITY;
        StringBuilder out = new StringBuilder();
        out.append("\nLinli is running (ready in ").append(seconds).append(" s). Ctrl-C stops everything.\n\n");
        out.append(String.format("  %-17s %-24s %-12s %s%n", "service", "url", "ready after", "RSS"));
        for (String name : java.util.stream.Stream.concat(LinliStack.SERVICES.stream(),
                java.util.stream.Stream.of(LinliStack.APP, LinliStack.GATEWAY)).toList()) {
            ServiceProcess s = stack.service(name);
            out.append(String.format("  %-17s %-24s %-12s %d MiB%n", name, s.baseUri(), s.readyAfterMillis() + " ms",
                    s.residentSetMiB()));
        }
        out.append("\n  Swagger UI: <url>/q/swagger-ui   health: <url>/q/health   metrics: <url>/q/metrics\n");
        out.append("  PostgreSQL: ").append(stack.infrastructure().postgres().jdbcUrl("linli_resident"))
                .append(" (").append(stack.infrastructure().mode()).append(")\n");
        out.append("  Kafka:      ").append(stack.infrastructure().kafkaBootstrapServers()).append("\n\n");
        out.append(story == null ? "  Changshan Garden was already there (persistent database).\n\n"
                : "  Changshan Garden (" + community + ") is set up; Ms Zhao, 76, housebound, is " + msZhao
                        + "; Mr Li, who visits her, is " + story.mrLi() + "\n");
        life.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append('\n');
        out.append("  The neighbourhood app (邻里) for phones: volunteers, elders and their families. Sign in as one of the\n"
                + "  sample people on its DEVELOPMENT sign-in page (Ms Zhao, her daughter Zhao Li, Mr Li, ...):\n");
        out.append("  ").append(stack.service(LinliStack.APP).baseUri()).append("/\n");
        out.append("  Community workers (韩雪), grid heads (吴亚琴) and canteen staff (刘师傅) sign in there too: the community console.\n\n");
        out.append("  Partners (banks, canteen operators, device vendors): webhooks and signed alarms at\n");
        out.append("  ").append(stack.service(LinliStack.GATEWAY).baseUri()).append("/q/swagger-ui (guide: partner-gateway/README.md)\n\n");
        out.append("  Care-alert e-mails (Zhao Li asked to be told of her mother's alerts at ")
                .append(CommunityGenerator.zhaoLiEmail(community)).append(") arrive in the local mailbox:\n");
        out.append("  ").append(stack.mailbox().pageUri()).append("  (SMTP 127.0.0.1:").append(stack.mailbox().smtpPort())
                .append("; SMS and WeChat go to resident-service's log unless their credentials are set)\n\n");
        out.append("  The district dashboard (宽城区), signed in as a district officer with a DEVELOPMENT token:\n");
        out.append("  ").append(stack.service("dashboard-service").baseUri()).append("/#token=")
                .append(CommunityGenerator.districtOfficer()).append("\n\n");
        out.append("  A community worker's DEVELOPMENT token (12 h; mint others with ./linli token --help):\n");
        out.append("  export TOKEN=").append(worker).append("\n\n");
        for (String[] call : new String[][] { { "resident-service", "/residents/" + msZhao },
                { "resident-service", "/residents?flag=housebound" }, { "points-service", "/members/" + msZhao },
                { "canteen-service", "/diners/" + msZhao },
                { "points-service", "/volunteers/" + (story == null ? "<volunteer id>" : story.mrLi()) + "/statement" },
                { "points-service", "/rewards" }, { "canteen-service", "/standing-orders" } }) {
            out.append("  curl -H \"Authorization: Bearer $TOKEN\" '").append(stack.service(call[0]).baseUri())
                    .append("/communities/").append(community).append(call[1]).append("'\n");
        }
        System.out.println(out);
    }
}
