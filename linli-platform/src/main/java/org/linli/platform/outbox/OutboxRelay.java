package org.linli.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
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
import org.linli.platform.kafka.KafkaConnection;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.tracing.EventTracing;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published. One relay per database works at a
 * time (a transaction-scoped advisory lock), which keeps per-key order also with several instances. Delivery is at
 * least once: consumers are idempotent by event id.
 * <p>
 * <b>An outage</b> (the broker answers nothing: no send of a wave is acknowledged, none is refused for good) is no
 * event's fault: nothing is counted against any event, the rows wait and the relay retries with backoff until the
 * broker is back, then publishes them in order.
 * <p>
 * <b>A refusal</b> (the broker is up, it accepts other events or refuses this one for good: an invalid topic, a record
 * larger than the topic's {@code max.message.bytes}, no authorisation) counts one attempt against the event. A
 * permanent refusal is retried like any other (retrying is cheap and a misjudged error heals itself); after
 * {@value #ATTEMPTS_BEFORE_PARKING} attempts the event is <em>parked</em>: it shows in {@code /q/health/well} and in
 * the {@code linli.outbox.parked} counter, and waits for an operator. One bad event never stalls the outbox: events
 * with other keys keep flowing throughout.
 * <p>
 * <b>Later events with the same key wait behind a refused event</b>, while it is retried <em>and while it is
 * parked</em>; they are not sent at all until it is published. Events are keyed by aggregate so that consumers see an
 * aggregate's events in the order they happened (architecture.md); letting a later event go ahead would hand
 * consumers, say, a resident's move-out before their registration, and an operator's retry of the parked event would
 * then deliver it after its successors. So a parked event stops its own aggregate's stream, visibly, and nothing else.
 * The operator either cures the cause and sets {@code parked_at} to null to retry it ({@code attempts} to 0 as well
 * for a full set of attempts, else one more; once it is published the held events follow in order), or deletes the
 * row to give that event up (the held events follow without it).
 * <p>
 * To keep that promise when a failure shows only after the record was sent (a record too large for its topic is
 * refused by the broker, not the client; while the broker comes back, one send may time out as the next succeeds), a
 * round sends its batch in waves: each wave holds at most one event per key, the next event of a key goes in a later
 * wave once the earlier one is acknowledged. Different keys go out
 * together, so a batch of distinct aggregates is one wave; an aggregate with many events in one batch takes one
 * broker round trip per event.
 * <p>
 * <b>Traces</b>: an event published in a trace carries that trace context as the CloudEvents distributed-tracing
 * extension ({@code traceparent}, {@code tracestate} in the envelope and as {@code ce_traceparent}, {@code ce_tracestate}
 * headers); the relay's send is a producer span in the same trace, whose context travels as the plain W3C
 * {@code traceparent} header for the Kafka connector of the consumers.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x4c494e4c49L; // "LINLI": one relay per service database
    static final int ATTEMPTS_BEFORE_PARKING = 5;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final OutboxConfig.Relay config;
    private final KafkaConnection kafka;
    private final EventTracing tracing;
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private Producer<String, String> producer;

    OutboxRelay(EntityManager entityManager, ObjectMapper mapper, OutboxConfig config, MeterRegistry registry,
            KafkaConnection kafka, EventTracing tracing) {
        this.entityManager = entityManager;
        this.tracing = tracing;
        this.mapper = mapper;
        this.config = config.relay();
        this.kafka = kafka;
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
        producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.sendTimeout().toMillis(), 5000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() + 5000)),
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

    /**
     * Publishes up to one batch in one transaction; returns how many events went out. Events held behind a parked
     * event of their key are not part of any batch.
     */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!locked) {
                return 0; // another instance is relaying
            }
            List<OutboxEvent> batch = entityManager.createQuery("from OutboxEvent e where e.publishedAt is null "
                    + "and e.parkedAt is null and not exists (from OutboxEvent p where p.parkedAt is not null "
                    + "and p.publishedAt is null and p.topic = e.topic and p.recordKey = e.recordKey and p.seq < e.seq) "
                    + "order by e.seq", OutboxEvent.class)
                    .setMaxResults(config.batchSize()).getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<UUID> sent = send(batch, OffsetDateTime.now());
            if (!sent.isEmpty()) { // one statement for the batch, not an update per row
                entityManager.createNativeQuery("update outbox_event set published_at = ?1 where id in (?2)")
                        .setParameter(1, OffsetDateTime.now()).setParameter(2, sent).executeUpdate();
            }
            published.increment(sent.size());
            return sent.size();
        });
    }

    /**
     * Sends {@code batch} (in seq order) in waves of at most one event per key, and returns the ids the broker
     * acknowledged. A refused event counts an attempt and its key sends nothing more this round. A wave that the
     * broker does not answer at all ends the round; if nothing went out before it, that is an outage (thrown).
     */
    private List<UUID> send(List<OutboxEvent> batch, OffsetDateTime now) {
        Map<String, ArrayDeque<OutboxEvent>> byKey = new LinkedHashMap<>();
        for (OutboxEvent row : batch) {
            byKey.computeIfAbsent(row.topic + "/" + row.recordKey, key -> new ArrayDeque<>()).add(row);
        }
        List<UUID> sent = new ArrayList<>(batch.size());
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        while (!byKey.isEmpty()) {
            List<OutboxEvent> wave = new ArrayList<>(byKey.size());
            for (Iterator<ArrayDeque<OutboxEvent>> keys = byKey.values().iterator(); keys.hasNext();) {
                ArrayDeque<OutboxEvent> events = keys.next();
                wave.add(events.poll());
                if (events.isEmpty()) {
                    keys.remove();
                }
            }
            List<Exception> failures = sendWave(wave, deadline);
            boolean answered = failures.stream().anyMatch(f -> f == null || permanent(f));
            if (!answered) {
                if (sent.isEmpty()) {
                    throw new IllegalStateException("Kafka did not acknowledge the batch", failures.get(0));
                }
                return sent; // the broker went quiet mid-round: what it took is published, the rest waits
            }
            for (int i = 0; i < wave.size(); i++) {
                OutboxEvent row = wave.get(i);
                if (failures.get(i) == null) {
                    sent.add(row.id);
                } else {
                    refused(row, failures.get(i), now);
                    byKey.remove(row.topic + "/" + row.recordKey); // its later events wait behind it
                }
            }
        }
        return sent;
    }

    /** Sends one wave and waits for the broker; one entry per event, null where it was acknowledged. */
    private List<Exception> sendWave(List<OutboxEvent> wave, long deadline) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(wave.size());
        List<Span> spans = new ArrayList<>(wave.size());
        for (OutboxEvent row : wave) {
            Span span = row.traceparent == null ? Span.getInvalid()
                    : tracing.startChild(row.topic + " publish", SpanKind.PRODUCER, row.traceparent, row.tracestate);
            spans.add(span);
            sends.add(producer.send(record(row, span)));
        }
        producer.flush();
        List<Exception> failures = new ArrayList<>(wave.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                failures.add(null);
            } catch (ExecutionException e) {
                failures.add(e.getCause() instanceof Exception cause ? cause : e);
            } catch (Exception e) {
                failures.add(e);
            }
            if (failures.get(i) != null) {
                spans.get(i).setStatus(StatusCode.ERROR, failures.get(i).getClass().getSimpleName());
            }
            spans.get(i).end();
        }
        return failures;
    }

    /** A refusal that retrying cannot cure (an invalid topic, a record too large, no authorisation). */
    static boolean permanent(Exception failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause()
                : failure;
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

    private ProducerRecord<String, String> record(OutboxEvent row, Span send) {
        try {
            CloudEvent event = new CloudEvent(row.id.toString(), row.source, row.type, row.occurredAt, row.subject,
                    row.communityId, mapper.readTree(row.data), row.traceparent, row.tracestate);
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey, event.toJson(mapper));
            record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", row.type.getBytes(StandardCharsets.UTF_8));
            if (row.traceparent != null) { // the event's own trace context, as the extension's binary-mode headers
                record.headers().add("ce_traceparent", row.traceparent.getBytes(StandardCharsets.UTF_8));
                if (row.tracestate != null) {
                    record.headers().add("ce_tracestate", row.tracestate.getBytes(StandardCharsets.UTF_8));
                }
                EventTracing.TraceContext transport = EventTracing.of(Context.root().with(send));
                if (transport != null) { // the send's span, for the consumers' Kafka connector (transport-level)
                    record.headers().add("traceparent", transport.traceparent().getBytes(StandardCharsets.UTF_8));
                }
            }
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
