package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Who was told about an alert, through which channel, and when. The recipient is a reference, never a number. */
@Entity
@Table(name = "alert_notification")
public class AlertNotification extends PanacheEntityBase {

    public static final String EMERGENCY_CONTACT = "EMERGENCY_CONTACT";
    public static final String GRID_HEAD = "GRID_HEAD";
    public static final String DUTY_DESK = "DUTY_DESK";

    @Id
    public UUID id;

    @Column(name = "alert_id", nullable = false)
    public UUID alertId;

    /** EMERGENCY_CONTACT (ref: contact id), GRID_HEAD (ref: resident id), DUTY_DESK (ref: community). */
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
}
