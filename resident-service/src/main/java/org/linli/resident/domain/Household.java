package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dwelling (户): a door in a unit (stairwell) of a building, e.g. door 501. */
@Entity
public class Household extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Column(name = "building_id")
    public UUID buildingId;

    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    @Column(name = "door_number", nullable = false)
    public String doorNumber;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
