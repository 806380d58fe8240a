package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One service a volunteer says they gave: pending until confirmed (and credited once) or rejected. */
@Entity
@Table(name = "service_log")
public class ServiceLog extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    @Column(name = "volunteer_id", nullable = false)
    public UUID volunteerId;

    @Column(name = "type_id", nullable = false)
    public UUID typeId;

    /**
     * The type's code (ELDER_CARE_VISIT, ...), stored with the service as {@link #ofType} set it together with
     * {@link #typeId}: a type's code never changes, so answers and events read it here and never look it up.
     */
    @Column(name = "type_code", nullable = false)
    public String typeCode;

    /** Who was helped; null for community-wide work. */
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(name = "activity_id")
    public UUID activityId;

    @Column(name = "performed_at", nullable = false)
    public OffsetDateTime performedAt;

    @Column(nullable = false)
    public int minutes;

    public String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceStatus status;

    @Column(name = "logged_by", nullable = false)
    public String loggedBy;

    @Column(name = "logged_at", nullable = false)
    public OffsetDateTime loggedAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "decided_by")
    public String decidedBy;

    /** In which capacity it was decided: BENEFICIARY, GRID_HEAD or COMMUNITY_WORKER. */
    @Column(name = "decided_as")
    public String decidedAs;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    /** Points credited on confirmation (may be below the rule's when a cap was reached). */
    @Column(name = "points_awarded")
    public Integer pointsAwarded;

    @Column(name = "posting_id")
    public UUID postingId;

    @Version
    public long version;

    /** Makes this a service of {@code type}: its id and its code, together. */
    public void ofType(ServiceType type) {
        this.typeId = type.id;
        this.typeCode = type.code;
    }
}
