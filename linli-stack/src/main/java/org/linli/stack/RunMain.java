package org.linli.stack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;


/**
 * The run command ({@code ./linli run}): PostgreSQL, Kafka and the three services with a little sample data,
 * until Ctrl-C.
 */
public final class RunMain {

    private RunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path home = LinliStack.home();
        Path logs = home.resolve("target/linli-run");
        int basePort = Integer.parseInt(System.getProperty("linli.base-port", "8080"));
        System.out.println("Starting PostgreSQL, Kafka and the Linli services (logs in " + logs + ") ...");

        LinliStack stack = LinliStack.start(home, basePort, logs);
        stack.infrastructure().beforeStop(() -> {
            System.out.println("\nStopping the services, Kafka and PostgreSQL ...");
            stack.close();
        });

        SampleData.Seeded sample = SampleData.seed(stack.service("resident-service").baseUri());
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        String worker = SampleData.worker();
        String msZhao = sample == null ? "<resident id>" : sample.msZhao();

        StringBuilder out = new StringBuilder();
        out.append("\nLinli is running (ready in ").append(seconds).append(" s). Ctrl-C stops everything.\n\n");
        out.append(String.format("  %-17s %-24s %-12s %s%n", "service", "url", "ready after", "RSS"));
        for (String name : LinliStack.SERVICES) {
            ServiceProcess s = stack.service(name);
            out.append(String.format("  %-17s %-24s %-12s %d MiB%n", name, s.baseUri(), s.readyAfterMillis() + " ms",
                    s.residentSetMiB()));
        }
        out.append("\n  Swagger UI: <url>/q/swagger-ui   health: <url>/q/health   metrics: <url>/q/metrics\n");
        out.append("  PostgreSQL: ").append(stack.infrastructure().postgres().jdbcUrl("linli_resident"))
                .append(" (").append(stack.infrastructure().mode()).append(")\n");
        out.append("  Kafka:      ").append(stack.infrastructure().kafkaBootstrapServers()).append("\n\n");
        out.append(sample == null ? "  Sample data was already there (persistent database).\n\n"
                : "  Sample residents of " + SampleData.COMMUNITY + ": " + sample.residentIds().size() + " (Ms Zhao is "
                        + msZhao + ")\n\n");
        out.append("  A community worker's DEVELOPMENT token (12 h; mint others with ./linli token --help):\n");
        out.append("  export TOKEN=").append(worker).append("\n\n");
        out.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(stack.service("resident-service").baseUri())
                .append("/communities/").append(SampleData.COMMUNITY).append("/residents/").append(msZhao).append('\n');
        out.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(stack.service("points-service").baseUri())
                .append("/communities/").append(SampleData.COMMUNITY).append("/members/").append(msZhao).append('\n');
        out.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(stack.service("canteen-service").baseUri())
                .append("/communities/").append(SampleData.COMMUNITY).append("/diners/").append(msZhao).append('\n');
        System.out.println(out);
        new CountDownLatch(1).await(); // until Ctrl-C; the infrastructure's shutdown hook stops everything
    }
}
