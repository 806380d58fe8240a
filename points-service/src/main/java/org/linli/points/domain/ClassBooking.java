package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's seat in a class session, paid with one class credit. */
@Entity
@Table(name = "class_booking")
public class ClassBooking extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "volunteer_id", nullable = false)
    public UUID volunteerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BookingStatus status;

    @Column(name = "booked_at", nullable = false)
    public OffsetDateTime bookedAt;

    @Column(name = "booked_by", nullable = false)
    public String bookedBy;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "posting_id", nullable = false)
    public UUID postingId;

    @Column(name = "reversal_posting_id")
    public UUID reversalPostingId;
}
