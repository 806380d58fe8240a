package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A resident who took responsibility for a grid, building or unit; ending it keeps the record. */
@Entity
@Table(name = "head_assignment")
public class HeadAssignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HeadKind kind;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false)
    public OffsetDateTime since;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    /** The grids this resident currently heads. */
    public static List<UUID> gridsHeadedBy(UUID residentId) {
        return HeadAssignment.<HeadAssignment>list("residentId = ?1 and kind = ?2 and endedAt is null "
                + "and residentId in (select r.id from Resident r where r.status = 'ACTIVE')", residentId,
                HeadKind.GRID_HEAD).stream().map(h -> h.orgUnitId).toList();
    }

    /** Ends everything a resident who left (moved out, merged) was doing for others: heads and care pairings. */
    public static void endRolesOf(UUID residentId, java.time.OffsetDateTime at) {
        HeadAssignment.<HeadAssignment>list("residentId = ?1 and endedAt is null", residentId).forEach(h -> h.endedAt = at);
        CarePairing.<CarePairing>list("(volunteerId = ?1 or residentId = ?1) and endedAt is null", residentId)
                .forEach(p -> p.endedAt = at);
    }

    public static List<HeadAssignment> currentFor(UUID orgUnitId) {
        return list("orgUnitId = ?1 and endedAt is null", orgUnitId);
    }
}
