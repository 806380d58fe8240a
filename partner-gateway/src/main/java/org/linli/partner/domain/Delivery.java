package org.linli.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One message to one subscription. Its {@link #id} is the {@code webhook-id}, the same on every attempt; its body is
 * fixed when it is written (ids and figures only) and is exactly what is signed and sent.
 */
@Entity
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Database order of writing: orders the deliveries of one subscription and event key. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "event_key", nullable = false)
    public String eventKey;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    /** When the current run of failed attempts began (the retry window counts from here); null when not failing. */
    @Column(name = "failing_since")
    public OffsetDateTime failingSince;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    /** The delivery this one replays, or null for an original. */
    @Column(name = "replay_of")
    public UUID replayOf;
}
