package org.linli.resident.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One try of a notice on a channel and what the channel answered (a provider's code, never personal data). */
@Entity
@Table(name = "notice_attempt")
public class NoticeAttempt extends PanacheEntityBase {

    public static final String ACCEPTED = "ACCEPTED";
    /** Refused for now: another attempt on this channel may follow. */
    public static final String RETRY = "RETRY";
    /** Refused for good on this channel. */
    public static final String REFUSED = "REFUSED";
    /** The sender stopped mid-send: it may or may not have left. */
    public static final String UNCERTAIN = "UNCERTAIN";

    @Id
    public UUID id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String outcome;

    public String detail;

    static NoticeAttempt record(UUID notificationId, String channel, OffsetDateTime at, String outcome, String detail) {
        NoticeAttempt attempt = new NoticeAttempt();
        attempt.id = UUID.randomUUID();
        attempt.notificationId = notificationId;
        attempt.channel = channel;
        attempt.at = at;
        attempt.outcome = outcome;
        attempt.detail = Outcome.shorten(detail);
        attempt.persist();
        return attempt;
    }
}
