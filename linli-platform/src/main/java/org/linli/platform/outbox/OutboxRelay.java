package org.linli.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.linli.platform.events.CloudEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published. One relay per
 * database works at a time (a transaction-scoped advisory lock), which keeps per-key order also with
 * several instances. Delivery is at least once: if the broker is down the rows wait and the relay
 * retries with backoff; consumers are idempotent by event id. An event the broker refuses while it accepts
 * the rest of the batch, or refuses for good (an invalid topic, a record too large), is retried a few times
 * and then parked, so one bad row never stalls the outbox; later events with the same key wait until it is
 * published or parked. Only a refusal with no sign of life from the broker counts as an outage.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x4c494e4c49L; // "LINLI": one relay per service database
    static final int ATTEMPTS_BEFORE_PARKING = 5;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final OutboxConfig.Relay config;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private Producer<String, String> producer;

    OutboxRelay(EntityManager entityManager, ObjectMapper mapper, OutboxConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config.relay();
        this.bootstrapServers = bootstrapServers;
        this.published = Counter.builder("linli.outbox.published").description("events the relay published")
                .register(registry);
        this.failures = Counter.builder("linli.outbox.failures").description("relay batches that failed and wait for a retry")
                .register(registry);
        this.parked = Counter.builder("linli.outbox.parked").description("events parked after the broker kept refusing them")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.sendTimeout().toMillis(), 5000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() + 5000),
                new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction with outbox rows commits, so events go out without waiting for the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        boolean outage = false;
        while (running) {
            try {
                int count = publishBatch();
                if (outage) {
                    Log.infof("Outbox relay: Kafka reachable again, publishing resumed");
                    outage = false;
                }
                backoff = Duration.ZERO;
                if (count == 0) {
                    waitForWork(config.pollInterval());
                } else if (count < config.batchSize()) {
                    sleep(config.linger());
                }
            } catch (RuntimeException e) {
                failures.increment();
                if (!outage) {
                    Log.warnf("Outbox relay cannot publish (%s); events wait in the outbox and will be retried",
                            rootMessage(e));
                    outage = true;
                }
                backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), config.maxBackoff());
                sleep(backoff);
            }
        }
    }

    /** Publishes up to one batch in one transaction; returns how many events went out. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!locked) {
                return 0; // another instance is relaying
            }
            @SuppressWarnings("unchecked")
            List<OutboxEvent> batch = entityManager.createQuery(
                    "from OutboxEvent where publishedAt is null and parkedAt is null order by seq", OutboxEvent.class)
                    .setMaxResults(config.batchSize()).getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
            for (OutboxEvent row : batch) {
                sends.add(producer.send(record(row)));
            }
            producer.flush();
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<Exception> failures = new ArrayList<>(batch.size());
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    failures.add(null);
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            long failed = failures.stream().filter(java.util.Objects::nonNull).count();
            boolean brokerAnswered = failed < batch.size() || failures.stream().anyMatch(OutboxRelay::permanent);
            if (!brokerAnswered) {
                throw new IllegalStateException("Kafka did not acknowledge the batch", failures.get(0));
            }
            // the broker is up and refused some events: publish the rest, hold back what follows a failure
            OffsetDateTime now = OffsetDateTime.now();
            java.util.Set<String> heldKeys = new java.util.HashSet<>();
            List<java.util.UUID> sent = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                OutboxEvent row = batch.get(i);
                String key = row.topic + "/" + row.recordKey;
                if (failures.get(i) != null) {
                    heldKeys.add(key);
                    refused(row, failures.get(i), now);
                } else if (!heldKeys.contains(key)) {
                    sent.add(row.id);
                }
            }
            if (!sent.isEmpty()) { // one statement for the batch, not an update per row
                entityManager.createNativeQuery("update outbox_event set published_at = ?1 where id in (?2)")
                        .setParameter(1, now).setParameter(2, sent).executeUpdate();
            }
            int done = sent.size();
            published.increment(done);
            return done;
        });
    }

    /** A refusal that retrying cannot cure (an invalid topic, a record too large, no authorisation). */
    static boolean permanent(Exception failure) {
        Throwable cause = failure == null ? null : (failure.getCause() != null ? failure.getCause() : failure);
        return cause instanceof org.apache.kafka.common.errors.ApiException
                && !(cause instanceof org.apache.kafka.common.errors.RetriableException);
    }

    private void refused(OutboxEvent row, Exception failure, OffsetDateTime now) {
        row.attempts++;
        if (row.attempts >= ATTEMPTS_BEFORE_PARKING) {
            row.parkedAt = now;
            parked.increment();
            Log.errorf("Outbox event %s (%s to %s) parked after %d refusals: %s", row.id, row.type, row.topic, row.attempts,
                    rootMessage(failure));
        }
    }

    private ProducerRecord<String, String> record(OutboxEvent row) {
        try {
            CloudEvent event = new CloudEvent(row.id.toString(), row.source, row.type, row.occurredAt, row.subject,
                    row.communityId, mapper.readTree(row.data));
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey, event.toJson(mapper));
            record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", row.type.getBytes(StandardCharsets.UTF_8));
            return record;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outbox row " + row.id + " holds unreadable data", e);
        }
    }

    private void waitForWork(Duration timeout) {
        try {
            wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
