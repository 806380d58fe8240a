package org.linli.platform.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event written in the business transaction, waiting for (or done with) the relay. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Insertion order: the relay publishes in this order, so events about one aggregate stay in order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    public String subject;

    @Column(name = "community_id")
    public String communityId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    /** The W3C trace context the event was published in (the CloudEvents distributed-tracing extension), or null. */
    public String traceparent;

    public String tracestate;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String data;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** Refusals by a broker that was up (never an outage): the event is parked at the fifth. */
    @Column(nullable = false)
    public int attempts;

    /**
     * Set when the broker kept refusing this event: the relay no longer tries it, events with other keys flow, and the
     * later events with its own key wait behind it until an operator sets this back to null (to retry) or deletes the
     * row (to give the event up). See {@link OutboxRelay}.
     */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;
}
