package org.linli.stack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.linli.infra.DevTokens;
import org.linli.infra.TestEvents;
import org.linli.stack.LinliStack;
import org.linli.stack.ServiceProcess;

import com.sun.net.httpserver.HttpServer;

/**
 * partner-gateway's webhooks, end to end: meal.served.v1 events of one community are written to linli.canteen.events
 * (as canteen-service's outbox relay writes them) → the gateway reads each through its inbox and fans it out to a
 * canteen operator's {@code --subscriptions} subscriptions → its dispatcher signs and POSTs each delivery → a local
 * receiver (the JDK's HTTP server, in this JVM) checks the Standard Webhooks signature and records the receipt.
 *
 * <ol>
 * <li>warm-up: {@code --warmup} events, not measured;</li>
 * <li>burst: {@code --events} events written as fast as the producer goes; deliveries/s sustained = deliveries received
 * between the first and the last receipt of the burst, over that time;</li>
 * <li>paced: {@code --rate} events/s for {@code --seconds} (open loop), below the burst's rate: latency from the event's
 * commit (the broker acknowledging the record, acks=all) to the partner's receipt, p50 / p99 / max.</li>
 * </ol>
 *
 * Commit and receipt are both timed in this JVM ({@code System.nanoTime}). Every delivery's signature is verified;
 * a bad one, a missing one or a duplicate is counted and printed.
 *
 * <pre>
 * ./linli bench webhooks [--subscriptions 4] [--events 2000] [--rate 50] [--seconds 30] [--warmup 300]
 *                        [--poll-interval 1s] [--batch-size 50] [--concurrency 8]
 * </pre>
 *
 * The dispatcher settings default to the gateway's own defaults; given, they are passed to it as environment variables.
 */
public final class WebhookBenchmark {

    private static final String TOPIC = "linli.canteen.events";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    private WebhookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int subscriptions = 4;
        int events = 2000;
        int rate = 50;
        int seconds = 30;
        int warmup = 300;
        Map<String, String> gatewaySettings = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--subscriptions" -> subscriptions = Integer.parseInt(args[i + 1]);
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--poll-interval" -> gatewaySettings.put("LINLI_PARTNER_DISPATCH_POLL_INTERVAL", args[i + 1]);
                case "--batch-size" -> gatewaySettings.put("LINLI_PARTNER_DISPATCH_BATCH_SIZE", args[i + 1]);
                case "--concurrency" -> gatewaySettings.put("LINLI_PARTNER_DISPATCH_CONCURRENCY", args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = LinliStack.home();
        long started = System.nanoTime();
        try (LinliStack stack = LinliStack.start(home, 0, home.resolve("target/bench-logs"),
                Map.of(LinliStack.GATEWAY, gatewaySettings));
                Receiver receiver = new Receiver()) {
            ServiceProcess gateway = stack.service(LinliStack.GATEWAY);
            System.out.printf("system ready in %.0f s; gateway at %s%n", (System.nanoTime() - started) / 1e9, gateway.baseUri());
            String community = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String operator = register(gateway.baseUri(), community);
            for (int s = 0; s < subscriptions; s++) {
                receiver.expect(s, subscribe(gateway.baseUri(), operator, receiver.url(s)));
            }
            System.out.printf("partner %s serves %s with %d subscriptions to %s…%n", operator, community, subscriptions,
                    receiver.url(0));

            try (KafkaProducer<String, String> producer = producer(stack.infrastructure().kafkaBootstrapServers())) {
                // warm-up
                Phase warm = new Phase(receiver, subscriptions);
                burst(producer, community, warmup, warm);
                warm.awaitAll(Duration.ofMinutes(3));
                System.out.printf("warm-up: %d events, %d deliveries%n", warmup, warm.received());

                // burst: sustained deliveries per second
                Phase burst = new Phase(receiver, subscriptions);
                double gatewayCpu = ProcessCpu.ofProcess(gateway.pid());
                ProcessCpu cpuBefore = ProcessCpu.now();
                long written = burst(producer, community, events, burst);
                burst.awaitAll(Duration.ofMinutes(10));
                double gatewayCpuUsed = ProcessCpu.ofProcess(gateway.pid()) - gatewayCpu;
                String cpu = ProcessCpu.now().since(cpuBefore);
                double span = (burst.lastReceipt() - burst.firstReceipt()) / 1e9;
                double deliveriesPerSecond = burst.received() / Math.max(span, 1e-3);
                double writeSeconds = (written - burst.firstCommit()) / 1e9;

                // paced: latency from commit to receipt below saturation
                Phase paced = new Phase(receiver, subscriptions);
                paced(producer, community, rate, seconds, paced);
                paced.awaitAll(Duration.ofMinutes(3));

                System.out.println();
                System.out.println("partner-gateway webhooks: meal.served.v1 on " + TOPIC + " -> inbox + fan-out -> signed POST "
                        + "-> local receiver (signature verified)");
                System.out.printf("  subscriptions: %d (one canteen operator); dispatcher: %s%n", subscriptions,
                        gatewaySettings.isEmpty() ? "the gateway's defaults (poll 1s, batch 50, 8 senders)" : gatewaySettings);
                System.out.printf("  burst: %d events written in %.1f s (%.0f/s) -> %d deliveries in %.1f s = %.0f deliveries/s "
                        + "sustained; commit->receipt p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", events, writeSeconds,
                        events / Math.max(writeSeconds, 1e-3), burst.received(), span, deliveriesPerSecond,
                        burst.latency().getValueAtPercentile(50) / 1000.0, burst.latency().getValueAtPercentile(99) / 1000.0,
                        burst.latency().getMaxValue() / 1000.0);
                System.out.printf("  CPU during the burst: partner-gateway %.1f s; %s%n", gatewayCpuUsed, cpu);
                System.out.printf("  paced: %d events/s for %d s (%d deliveries/s): commit->receipt p50 %.0f ms, p99 %.0f ms, "
                        + "max %.0f ms; %d of %d deliveries received%n", rate, seconds, rate * subscriptions,
                        paced.latency().getValueAtPercentile(50) / 1000.0, paced.latency().getValueAtPercentile(99) / 1000.0,
                        paced.latency().getMaxValue() / 1000.0, paced.received(), paced.expected());
                System.out.printf("  signatures: %d verified, %d bad; duplicates: %d; gateway RSS %d MiB%n",
                        receiver.verified.get(), receiver.bad.get(), receiver.duplicates.get(), gateway.residentSetMiB());
            }
        }
    }

    /** One measured phase: the events it wrote (with their commit times) and what the receiver got of them. */
    static final class Phase {
        private final Receiver receiver;
        private final int subscriptions;
        private final Map<String, Long> committed = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<long[]> receipts = new ConcurrentLinkedQueue<>(); // [receivedAt, latencyMicros]
        private final AtomicInteger sent = new AtomicInteger();
        private volatile long firstCommit = Long.MAX_VALUE;

        Phase(Receiver receiver, int subscriptions) {
            this.receiver = receiver;
            this.subscriptions = subscriptions;
            receiver.phase = this;
        }

        void committed(String eventId, long at) {
            Long early = receiver.early.remove(eventId); // a receipt can beat the producer's callback
            committed.put(eventId, at);
            synchronized (this) {
                firstCommit = Math.min(firstCommit, at);
            }
            if (early != null) {
                receipts.add(new long[] { early, 1 });
            }
        }

        void received(String eventId, long at) {
            Long commit = committed.get(eventId);
            if (commit == null) {
                receiver.early.put(eventId, at);
                return;
            }
            receipts.add(new long[] { at, Math.max(1, (at - commit) / 1000) });
        }

        int received() {
            return receipts.size();
        }

        int expected() {
            return sent.get() * subscriptions;
        }

        long firstCommit() {
            return firstCommit;
        }

        long firstReceipt() {
            return receipts.stream().mapToLong(r -> r[0]).min().orElse(0);
        }

        long lastReceipt() {
            return receipts.stream().mapToLong(r -> r[0]).max().orElse(0);
        }

        Histogram latency() {
            Histogram h = new Histogram(3_600_000_000L, 3);
            receipts.forEach(r -> h.recordValue(r[1]));
            return h;
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            int last = -1;
            long stalledSince = System.nanoTime();
            while (received() < expected()) {
                if (System.nanoTime() > until) {
                    System.out.printf("  (gave up waiting: %d of %d deliveries)%n", received(), expected());
                    return;
                }
                if (received() != last) {
                    last = received();
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(60)) {
                    System.out.printf("  (nothing arrived for 60 s: %d of %d deliveries)%n", received(), expected());
                    return;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Writes {@code count} events as fast as the producer takes them; returns when the last was acknowledged. */
    private static long burst(KafkaProducer<String, String> producer, String community, int count, Phase phase) {
        for (int i = 0; i < count; i++) {
            send(producer, community, phase);
        }
        producer.flush();
        return System.nanoTime();
    }

    /** Open loop: event i is written at start + i/rate, whatever the gateway does. */
    private static void paced(KafkaProducer<String, String> producer, String community, int rate, int seconds, Phase phase) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < (long) rate * seconds; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(producer, community, phase);
        }
        producer.flush();
    }

    /** meal.served.v1 as canteen-service publishes it (keyed by orderId), with a price the canteen operator receives. */
    private static void send(KafkaProducer<String, String> producer, String community, Phase phase) {
        String eventId = UUID.randomUUID().toString();
        UUID order = UUID.randomUUID();
        Map<String, Object> price = SampleLunch.price();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("dinerId", UUID.randomUUID().toString());
        data.put("communityId", community);
        data.put("mealDate", LocalDate.now(LinliStack.COMMUNITY_TIME).toString());
        data.put("meal", "LUNCH");
        data.put("servedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        data.put("price", price);
        String event = TestEvents.cloudEvent(eventId, "/linli/canteen-service", "meal.served.v1", "orders/" + order, community,
                data);
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, order.toString(), event);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "meal.served.v1".getBytes(StandardCharsets.UTF_8));
        phase.sent.incrementAndGet();
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                System.err.println("could not write " + eventId + ": " + failure);
                return;
            }
            phase.committed(eventId, System.nanoTime());
        });
    }

    private static KafkaProducer<String, String> producer(String kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** A canteen operator serving the community, registered by a district officer; answers its id. */
    private static String register(URI gateway, String community) throws Exception {
        String id = "bench-canteen-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = DevTokens.as("district-officer").district("kuancheng").subject("bench-officer").mint();
        String body = "{\"id\":\"" + id + "\",\"name\":\"Benchmark canteen operator\",\"kind\":\"CANTEEN_OPERATOR\","
                + "\"communities\":[\"" + community + "\"],\"eventTypes\":[\"meal.served.v1\"]}";
        HttpResponse<String> created = post(gateway.resolve("/partners"), officer, body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not register the partner: " + created.statusCode() + " " + created.body());
        }
        return id;
    }

    /** Subscribes the endpoint as the partner itself; answers its signing secret. */
    private static String subscribe(URI gateway, String partner, String url) throws Exception {
        String token = DevTokens.as("partner").subject("client-" + partner).claim("partner", partner).mint();
        HttpResponse<String> created = post(gateway.resolve("/partners/" + partner + "/subscriptions"), token,
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"meal.served.v1\"]}");
        Matcher secret = Pattern.compile("\"secret\":\"(whsec_[^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !secret.find()) {
            throw new IllegalStateException("could not subscribe: " + created.statusCode() + " " + created.body());
        }
        return secret.group(1);
    }

    private static HttpResponse<String> post(URI uri, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The partner's endpoints: /hooks/{n} per subscription, on one JDK HTTP server. Verifies each request as Standard
     * Webhooks specifies (the secret's key, HMAC-SHA256 of id.timestamp.body, any v1 entry), then answers 204.
     */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final Map<Integer, byte[]> keys = new ConcurrentHashMap<>();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        final Map<String, Long> early = new ConcurrentHashMap<>();
        final AtomicLong verified = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        volatile Phase phase;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/hooks/", exchange -> {
                long at = System.nanoTime();
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                int subscription = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hooks/".length()));
                var headers = exchange.getRequestHeaders();
                String id = headers.getFirst("webhook-id");
                boolean ok = verifies(keys.get(subscription), id, headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), body);
                exchange.sendResponseHeaders(ok ? 204 : 401, -1);
                exchange.close();
                if (!ok) {
                    bad.incrementAndGet();
                    return;
                }
                verified.incrementAndGet();
                if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
                    duplicates.incrementAndGet();
                    return;
                }
                Matcher event = EVENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
                Phase current = phase;
                if (event.find() && current != null) {
                    current.received(event.group(1), at);
                }
            });
            server.start();
        }

        String url(int subscription) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + subscription;
        }

        void expect(int subscription, String secret) {
            keys.put(subscription, Base64.getDecoder().decode(secret.substring("whsec_".length())));
        }

        private static boolean verifies(byte[] key, String id, String timestamp, String signature, byte[] body) {
            if (key == null || id == null || timestamp == null || signature == null
                    || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                hmac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                byte[] expected = hmac.doFinal(body);
                for (String entry : signature.split(" ")) {
                    if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
