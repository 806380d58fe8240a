package org.linli.canteen.bench;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.linli.canteen.TestCanteen;
import org.linli.canteen.domain.Diner;
import org.linli.infra.Infrastructure;
import org.linli.infra.OpenLoopLoad;
import org.linli.infra.TestEvents;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The morning rush on the real PostgreSQL and Kafka: ~2,000 diners (from resident events), orders placed open-loop at
 * 300 per second for 30 seconds through the HTTP API (prepaid account, one lunch per diner per day, outbox event),
 * then the kitchen's production list over 10,000 orders. A harness, not a test: excluded from normal runs; run with
 * {@code ./mvnw -o verify -pl canteen-service -Dgroups=benchmark -DexcludedGroups=}. Figures go to BENCHMARK.md.
 */
@QuarkusTest
@Tag("benchmark")
class MorningRushBenchmark {

    static final int DINERS = Integer.getInteger("bench.diners", 2_000);
    static final int RATE = Integer.getInteger("bench.rate", 300);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void morningRush() throws Exception {
        TestCanteen canteen = TestCanteen.create();
        String staff = canteen.staff();
        List<UUID> diners = registerDiners(canteen);
        topUp(canteen, staff, diners);

        // warm-up: 10 s at a third of the rate on days the measured run does not use
        LocalDate warmDay = TestCanteen.tomorrow().plusDays(20);
        OpenLoopLoad.run("warm-up", RATE / 3, Duration.ofSeconds(10), i -> order(canteen, staff, diners.get(i % diners.size()),
                warmDay.plusDays(i / diners.size())));

        // service time without queueing: one order at a time
        LocalDate quiet = TestCanteen.tomorrow().plusDays(30);
        System.out.println("BENCHMARK " + OpenLoopLoad.run("POST /orders one at a time (20/s)", 20, Duration.ofSeconds(10),
                i -> order(canteen, staff, diners.get(i), quiet)));
        LocalDate half = TestCanteen.tomorrow().plusDays(31);
        System.out.println("BENCHMARK " + OpenLoopLoad.run("POST /orders at half the rate", RATE / 2, Duration.ofSeconds(10),
                i -> order(canteen, staff, diners.get(i % diners.size()), half.plusDays(i / diners.size()))));

        LocalDate first = TestCanteen.tomorrow();
        OpenLoopLoad.Result rush = OpenLoopLoad.run("POST /orders", RATE, DURATION, i -> order(canteen, staff,
                diners.get(i % diners.size()), first.plusDays(i / diners.size())));
        System.out.println("BENCHMARK " + rush);

        // the kitchen's list of a day of the rush, and of a day with 10,000 orders
        System.out.println("BENCHMARK production list, " + DINERS + " orders: " + time(canteen, staff, first, 20));
        LocalDate big = TestCanteen.tomorrow().plusDays(40);
        bulkOrders(canteen.code(), big, 10_000);
        System.out.println("BENCHMARK production list, 10000 orders: " + time(canteen, staff, big, 20));
    }

    private List<UUID> registerDiners(TestCanteen canteen) {
        List<UUID> ids = new ArrayList<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            String[] diets = { "", "LOW_SALT", "SOFT_TEXTURE", "LOW_SALT,SOFT_TEXTURE", "LOW_SUGAR" };
            List<UUID> buildings = new ArrayList<>();
            for (int b = 0; b < 40; b++) {
                buildings.add(UUID.randomUUID());
            }
            for (int i = 0; i < DINERS; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Map<String, Object> facts = new HashMap<>();
                facts.put("districtId", canteen.district());
                facts.put("buildingId", buildings.get(i % buildings.size()).toString());
                facts.put("unitId", UUID.nameUUIDFromBytes((i % 40 + "-" + i % 6).getBytes()).toString());
                facts.put("housebound", i % 10 == 0);
                facts.put("lowIncome", i % 7 == 0);
                facts.put("dietaryNeeds", diets[i % diets.length].isEmpty() ? List.of()
                        : Arrays.asList(diets[i % diets.length].split(",")));
                producer.send(new ProducerRecord<>(TestCanteen.RESIDENT_TOPIC, id.toString(),
                        TestEvents.resident("resident.registered.v1", id, canteen.code(), facts)));
            }
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> QuarkusTransaction
                .requiringNew().call(() -> Diner.count("communityId", canteen.code())) == DINERS);
        System.out.printf("BENCHMARK %d diners registered through resident events in %.1f s%n", DINERS,
                (System.nanoTime() - start) / 1e9);
        return ids;
    }

    private void topUp(TestCanteen canteen, String staff, List<UUID> diners) {
        Semaphore permits = new Semaphore(8);
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (UUID diner : diners) {
            permits.acquireUninterruptibly();
            calls.add(HTTP.sendAsync(post(staff, "/communities/" + canteen.code() + "/diners/" + diner + "/account/top-ups",
                    "{\"amountFen\": 10000}"), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, t) -> permits.release()));
        }
        long failed = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 201).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " top-ups failed");
        }
    }

    private HttpRequest order(TestCanteen canteen, String staff, UUID diner, LocalDate date) {
        boolean housebound = Math.abs(diner.hashCode()) % 10 == 0; // unknown to the client: most diners dine in
        return post(staff, "/communities/" + canteen.code() + "/orders", "{\"dinerId\":\"" + diner + "\",\"date\":\""
                + date + "\",\"service\":\"DINE_IN\",\"payment\":\"" + (housebound ? "CASH" : "ACCOUNT") + "\"}");
    }

    private String time(TestCanteen canteen, String staff, LocalDate day, int times) throws Exception {
        long[] millis = new long[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/communities/" + canteen.code() + "/days/"
                    + day + "/production-list")).header("Authorization", "Bearer " + staff).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("production list answered " + response.statusCode());
            }
        }
        Arrays.sort(millis);
        return String.format("%d calls, median %d ms, max %d ms", times, millis[times / 2], millis[times - 1]);
    }

    private HttpRequest post(String token, String path, String body) {
        return OpenLoopLoad.post(uri(path), token, body);
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    /** Ten thousand orders for one day, written in one statement (the kitchen list's input, not the API under test). */
    static void bulkOrders(String community, LocalDate day, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            jakarta.persistence.EntityManager em = io.quarkus.arc.Arc.container()
                    .instance(jakarta.persistence.EntityManager.class).get();
            em.createNativeQuery("insert into diner (resident_id, community_id, age_band, housebound, low_income, "
                    + "dietary_needs, status, updated_at) select gen_random_uuid(), ?1, 'AGED_75_84', n % 3 = 0, false, "
                    + "(array['', 'LOW_SALT', 'SOFT_TEXTURE', 'LOW_SALT,SOFT_TEXTURE', 'LOW_SUGAR'])[n % 5 + 1], 'ACTIVE', now() "
                    + "from generate_series(1, ?2) n").setParameter(1, community + "-bulk").setParameter(2, count)
                    .executeUpdate();
            em.createNativeQuery("insert into meal_order (id, community_id, diner_id, meal_date, meal, service, status, "
                    + "payment, dietary_needs, total_fen, elder_pays_fen, subsidy_fen, sponsor_fen, placed_by, placed_at) "
                    + "select gen_random_uuid(), ?1, d.resident_id, ?2, 'LUNCH', "
                    + "case when d.housebound then 'DELIVERY' else 'DINE_IN' end, 'PLACED', 'CASH', d.dietary_needs, "
                    + "700, 700, 0, 0, 'bulk', now() from diner d where d.community_id = ?3")
                    .setParameter(1, community).setParameter(2, day).setParameter(3, community + "-bulk").executeUpdate();
        });
    }
}
