package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A resident who applied to volunteer; a community worker approves (a points account opens) or rejects with a reason. */
@Entity
public class Volunteer extends PanacheEntityBase {

    @Id
    @Column(name = "resident_id")
    public UUID residentId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VolunteerStatus status;

    @Column(name = "applied_at", nullable = false)
    public OffsetDateTime appliedAt;

    @Column(name = "applied_by", nullable = false)
    public String appliedBy;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Version
    public long version;
}
