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

/** A resident's need (民情) a grid worker heard on a round, followed until the resident is told it is done. */
@Entity
public class Need extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NeedCategory category;

    /** Where: "3号楼2单元 stairwell", "behind building 7". */
    @Column(nullable = false)
    public String place;

    @Column(name = "raised_by")
    public UUID raisedBy;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    public Responsible responsible;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NeedStatus status;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "done_at")
    public OffsetDateTime doneAt;

    @Column(name = "resident_told_at")
    public OffsetDateTime residentToldAt;

    @Version
    public long version;
}
