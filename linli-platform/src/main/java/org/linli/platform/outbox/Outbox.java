package org.linli.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;
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

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final AfterCommit afterCommit;
    private final Clock clock;

    Outbox(EntityManager em, ObjectMapper mapper, OutboxConfig config, OutboxRelay relay, AfterCommit afterCommit,
            Clock clock) {
        this.em = em;
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
        UUID id = UUID.randomUUID();
        String traceparent = null;
        String tracestate = null;
        EventTracing.TraceContext trace = EventTracing.current(); // the request's (or consumer's) trace goes along
        if (trace != null && trace.traceparent().length() <= MAX_TRACEPARENT) {
            traceparent = trace.traceparent();
            tracestate = trace.tracestate() != null && trace.tracestate().length() <= MAX_TRACESTATE ? trace.tracestate()
                    : null;
        }
        String data;
        try {
            data = mapper.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + event.type() + " is not serialisable", e);
        }
        // One plain insert, not an entity: the row is never read or changed in this transaction, so the ORM need not
        // fetch its generated seq, keep it in the session or dirty-check it at every flush (issue 17's profile).
        NativeQuery<?> insert = em.createNativeQuery("""
                insert into outbox_event (id, topic, record_key, type, source, subject, community_id, occurred_at,
                                          traceparent, tracestate, data)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as jsonb))""").unwrap(NativeQuery.class);
        insert.setParameter(1, id).setParameter(2, event.topic()).setParameter(3, event.key())
                .setParameter(4, event.type()).setParameter(5, config.source())
                .setParameter(6, event.subject(), String.class).setParameter(7, event.communityId(), String.class)
                .setParameter(8, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)) // microseconds, as stored
                .setParameter(9, traceparent, String.class).setParameter(10, tracestate, String.class)
                .setParameter(11, data)
                .setFlushMode(FlushModeType.COMMIT) // the outbox table is written only here and by the relay
                .executeUpdate();
        afterCommit.run(relay::wakeUp); // publish now rather than at the next poll
        return id;
    }
}
