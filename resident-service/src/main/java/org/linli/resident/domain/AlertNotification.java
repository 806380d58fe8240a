package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One notice about an alert to one recipient for one stage (raised, escalated, fallback): through which channel, when,
 * and how it went. The recipient is a reference, never a number. Sent at most once (a unique key on alert, recipient
 * and stage; claimed by a status transition before it leaves); see {@code org.linli.resident.notification}.
 */
@Entity
@Table(name = "alert_notification")
public class AlertNotification extends PanacheEntityBase {

    public static final String EMERGENCY_CONTACT = "EMERGENCY_CONTACT";
    public static final String GRID_HEAD = "GRID_HEAD";
    public static final String DUTY_DESK = "DUTY_DESK";
    /** A family member with a CARE_ALERTS link, reached as they asked to be (ref: their account id). */
    public static final String FAMILY_MEMBER = "FAMILY_MEMBER";

    /** Statuses: waiting for an attempt, claimed by a sender, accepted by a channel, given up, cut off mid-send, withdrawn. */
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    public static final String UNCERTAIN = "UNCERTAIN";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "alert_id", nullable = false)
    public UUID alertId;

    /** EMERGENCY_CONTACT (ref: contact id), FAMILY_MEMBER (ref: their account id), GRID_HEAD (ref: resident id), DUTY_DESK (ref: community). */
    @Column(name = "recipient_kind", nullable = false)
    public String recipientKind;

    @Column(name = "recipient_ref", nullable = false)
    public String recipientRef;

    @Column(nullable = false)
    public String channel;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;

    @Column(nullable = false)
    public boolean delivered;

    /** RAISED, ESCALATED or FALLBACK; null for notices recorded before notices had stages. */
    public String stage;

    /** PENDING, SENDING, SENT, FAILED, UNCERTAIN or CANCELLED. */
    @Column(nullable = false)
    public String status;

    /** Attempts on every channel so far. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "claimed_until")
    public OffsetDateTime claimedUntil;

    /** The last refusal: channel and the provider's code (never personal data). */
    @Column(name = "last_error")
    public String lastError;
}
