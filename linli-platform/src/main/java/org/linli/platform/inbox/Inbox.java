package org.linli.platform.inbox;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.tracing.EventTracing;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The idempotent receiving end. A consumer's effect and the record that it saw the event are written in
 * one transaction, so a redelivered event changes nothing, and a failed effect leaves no record (the
 * event is retried, then dead-lettered). The handling continues the trace the event carries (see {@link EventTracing}):
 * its log lines show the publisher's trace id and the event's community.
 */
@ApplicationScoped
public class Inbox {

    private static final int ATTEMPTS = 3;
    /** The CloudEvents Kafka protocol binding's header for the event type. */
    static final String TYPE_HEADER = "ce_type";

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final EventTracing tracing;

    Inbox(EntityManager entityManager, ObjectMapper mapper, MeterRegistry registry, EventTracing tracing) {
        this.tracing = tracing;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.registry = registry;
    }

    /**
     * Parses a record value from Kafka and hands the event to {@code handler} in a new transaction, unless
     * {@code consumer} has handled this event id before. Returns whether the handler ran.
     *
     * @throws MalformedEventException when the value is not a CloudEvents JSON event (the channel dead-letters it)
     */
    public boolean receive(String consumer, String recordValue, Consumer<CloudEvent> handler) {
        return receive(consumer, recordValue, null, handler);
    }

    /**
     * As {@link #receive(String, String, Consumer)}, for a consumer that reads only some of a topic's event types:
     * an event of another type is passed over without a transaction (nothing to record: it changes nothing).
     */
    public boolean receive(String consumer, String recordValue, java.util.Set<String> types, Consumer<CloudEvent> handler) {
        if (recordValue == null) {
            throw new MalformedEventException("empty record");
        }
        CloudEvent event = CloudEvent.parse(recordValue, mapper);
        if (types != null && !types.contains(event.type())) {
            registry.counter("linli.inbox.events", "consumer", consumer, "outcome", "not-read").increment();
            return false;
        }
        boolean handled = tracing.continued(consumer, event, () -> withRetries(consumer, event,
                () -> QuarkusTransaction.requiringNew().call(() -> {
            int fresh = entityManager.createNativeQuery(
                    "insert into inbox_event (consumer, event_id, event_type) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.type())
                    .executeUpdate();
            if (fresh == 0) {
                return false;
            }
            handler.accept(event);
            return true;
        })));
        registry.counter("linli.inbox.events", "consumer", consumer, "outcome", handled ? "handled" : "duplicate")
                .increment();
        return handled;
    }

    /**
     * As {@link #receive(String, String, java.util.Set, Consumer)}, deciding first on the record's {@code ce_type} header
     * (the CloudEvents Kafka binding's type attribute, which the outbox relay writes on every record): an event of a type
     * this consumer does not read is passed over before its value is parsed. A record without the header is parsed and
     * decided on its type as before; one whose header names a type this consumer reads is still checked on its value.
     */
    public boolean receive(String consumer, org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record,
            java.util.Set<String> types, Consumer<CloudEvent> handler) {
        org.apache.kafka.common.header.Header type = record.headers().lastHeader(TYPE_HEADER);
        if (type != null && !types.contains(new String(type.value(), java.nio.charset.StandardCharsets.UTF_8))) {
            registry.counter("linli.inbox.events", "consumer", consumer, "outcome", "not-read").increment();
            return false;
        }
        return receive(consumer, record.value(), types, handler);
    }

    /**
     * A failure that may pass (the database restarting, a lock timeout, a lost race) is retried a few times
     * before the record is dead-lettered; a malformed event is dead-lettered at once.
     */
    private static boolean withRetries(String consumer, CloudEvent event, java.util.function.BooleanSupplier attempt) {
        for (int tries = 1;; tries++) {
            try {
                return attempt.getAsBoolean();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (tries >= ATTEMPTS) {
                    throw e;
                }
                Log.warnf("%s could not handle %s %s (attempt %d of %d): %s", consumer, event.type(), event.id(), tries,
                        ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(250L * tries * tries);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
