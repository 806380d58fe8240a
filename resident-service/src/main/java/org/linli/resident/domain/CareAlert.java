package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Something may be wrong with a resident or a household. One alert per cause and source (an order, an alarm), however
 * often the source is reported.
 */
@Entity
@Table(name = "care_alert")
public class CareAlert extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    @Column(name = "resident_id")
    public UUID residentId;

    @Column(name = "household_id")
    public UUID householdId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertCause cause;

    /** What raised it: the meal order id, or the partner's alarm id. */
    @Column(name = "source_ref", nullable = false)
    public String sourceRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertStatus status;

    @Column(name = "raised_at", nullable = false)
    public OffsetDateTime raisedAt;

    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    public String acknowledgement;

    /** The resident a family member acknowledged the alert for (acknowledgedBy is the family member); null otherwise. */
    @Column(name = "acknowledged_for")
    public UUID acknowledgedFor;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    public String resolution;

    public boolean open() {
        return status != AlertStatus.RESOLVED;
    }

    @Version
    public long version;
}
