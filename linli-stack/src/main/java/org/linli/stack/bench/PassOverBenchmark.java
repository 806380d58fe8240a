package org.linli.stack.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.linli.stack.LinliStack;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an event a service does not read costs it (issue 17): {@code meal.ordered.v1} on {@code linli.canteen.events}
 * passes by points-service and resident-service, which read only deliveries and missed doors from that topic. The
 * whole system is started as {@code ./linli run} starts it; then, in rounds, {@code --events} lunch orders (shaped as
 * canteen-service writes them, for a community nobody else uses) are put on the topic twice: with the CloudEvents
 * {@code ce_type} header the outbox relay writes (a consumer passes them over before parsing), and without it (the
 * consumer parses each to learn its type: what every record cost before). For each it waits until both consumer groups
 * have committed the topic's end and prints the CPU each service's JVM used per event, less what it uses idle over the
 * same time (measured just before). The first round warms the code; read the last.
 *
 * <pre>
 * ./linli bench pass-over [--events 50000] [--rounds 3]
 * </pre>
 */
public final class PassOverBenchmark {

    static final String TOPIC = "linli.canteen.events";
    static final List<String> READERS = List.of("points-service", "resident-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PassOverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 50_000;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"))) {
            String kafka = stack.infrastructure().kafkaBootstrapServers();
            Map<String, Long> pids = new LinkedHashMap<>();
            READERS.forEach(service -> pids.put(service, stack.service(service).pid()));
            Thread.sleep(15_000); // the start's own work (compilation, first polls) settles
            List<String> lines = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (boolean header : new boolean[] { true, false }) {
                    String line = String.format("round %d, %-26s %s", round, header ? "with ce_type header:" : "without the header:",
                            measure(kafka, pids, events, header));
                    System.out.println(line);
                    lines.add(line);
                }
            }
            System.out.printf("%n=== events nobody reads: %,d meal.ordered.v1 per measurement ===%n", events);
            lines.forEach(System.out::println);
        }
    }

    private static String measure(String kafka, Map<String, Long> pids, int events, boolean header) throws Exception {
        Map<String, Double> idle = cpu(pids);
        long idleStart = System.nanoTime();
        Thread.sleep(5_000);
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        Map<String, Double> before = cpu(pids);
        Map<String, Double> idleRate = new HashMap<>();
        pids.keySet().forEach(s -> idleRate.put(s, (before.get(s) - idle.get(s)) / idleSeconds));

        long start = System.nanoTime();
        produce(kafka, events, header);
        double produced = (System.nanoTime() - start) / 1e9;
        awaitCommitted(kafka);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> after = cpu(pids);
        StringBuilder result = new StringBuilder(String.format("produced in %.1f s, both groups committed after %.1f s;",
                produced, seconds));
        pids.keySet().forEach(service -> {
            double used = after.get(service) - before.get(service) - idleRate.get(service) * seconds;
            result.append(String.format(" %s %.1f µs CPU an event (%.2f s, idle %.2f s/s)", service,
                    Math.max(0, used) / events * 1e6, after.get(service) - before.get(service), idleRate.get(service)));
        });
        return result.toString();
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new HashMap<>();
        pids.forEach((service, pid) -> seconds.put(service, ProcessCpu.ofProcess(pid)));
        return seconds;
    }

    private static void produce(String kafka, int events, boolean header) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            LocalDate day = LocalDate.now().plusDays(1);
            for (int i = 0; i < events; i++) {
                String orderId = UUID.randomUUID().toString();
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, orderId, lunchOrdered(orderId, day));
                record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                if (header) {
                    record.headers().add("ce_type", "meal.ordered.v1".getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** A lunch order as canteen-service publishes it (ids, codes and numbers; community "bench-pass-over"). */
    static String lunchOrdered(String orderId, LocalDate day) throws Exception {
        Map<String, Object> price = SampleLunch.price();
        price.put("subsidyRule", "AGED_80_PLUS");
        Map<String, Object> meal = new LinkedHashMap<>();
        meal.put("menuId", UUID.randomUUID().toString());
        meal.put("dishIds", List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        meal.put("kind", "LUNCH");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put("dinerId", UUID.randomUUID().toString());
        data.put("communityId", "bench-pass-over");
        data.put("districtId", "bench-district");
        data.put("mealDate", day.toString());
        data.put("meal", meal);
        data.put("service", "DELIVERY");
        data.put("standingOrderId", null);
        data.put("dietaryNeeds", List.of("LOW_SALT", "SOFT"));
        data.put("price", price);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/linli/canteen-service");
        event.put("type", "meal.ordered.v1");
        event.put("subject", "orders/" + orderId);
        event.put("time", OffsetDateTime.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("communityid", "bench-pass-over");
        event.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }

    private static void awaitCommitted(String kafka) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (committed(admin)) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the consumers did not catch up within 5 minutes");
    }

    private static boolean committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        for (String group : READERS) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            for (TopicPartition partition : latest.keySet()) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.get(partition).offset();
                if (end > 0 && (offset == null || offset.offset() < end)) {
                    return false;
                }
            }
        }
        return true;
    }
}
