package org.linli.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.tracing.EventTracing;
import org.linli.platform.transaction.AfterCommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where services put the events their transaction produces. The event is a row in the same
 * transaction as the business change: it is published if and only if that transaction commits. The trace context of
 * the publishing request or consumer is kept with the event, so its consumers continue the same trace.
 */
@ApplicationScoped
public class Outbox {

    /** The columns' widths (V0_6): a trace context that does not fit is left off, never the event. */
    static final int MAX_TRACEPARENT = 128;
    static final int MAX_TRACESTATE = 512;

    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final AfterCommit afterCommit;
    private final Clock clock;

    Outbox(ObjectMapper mapper, OutboxConfig config, OutboxRelay relay, AfterCommit afterCommit, Clock clock) {
        this.mapper = mapper;
        this.config = config;
        this.relay = relay;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /**
     * Records the event in the caller's transaction (there must be one: without it this throws a
     * {@code TransactionalException}) and returns its id. Its {@code data} is written by the service's Jackson, so
     * timestamps in it are RFC 3339 in UTC like the API's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(OutgoingEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = event.topic();
        row.recordKey = event.key();
        row.type = event.type();
        row.source = config.source();
        row.subject = event.subject();
        row.communityId = event.communityId();
        row.occurredAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC); // microseconds, as stored
        EventTracing.TraceContext trace = EventTracing.current(); // the request's (or consumer's) trace goes along
        if (trace != null && trace.traceparent().length() <= MAX_TRACEPARENT) {
            row.traceparent = trace.traceparent();
            row.tracestate = trace.tracestate() != null && trace.tracestate().length() <= MAX_TRACESTATE ? trace.tracestate()
                    : null;
        }
        try {
            row.data = mapper.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + event.type() + " is not serialisable", e);
        }
        row.persist();
        afterCommit.run(relay::wakeUp); // publish now rather than at the next poll
        return row.id;
    }
}
