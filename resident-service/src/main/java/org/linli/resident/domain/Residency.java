package org.linli.resident.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A stretch of time a resident lived in a household; moving in, moving and moving out append to the history. */
@Entity
public class Residency extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    @Column(name = "household_id")
    public UUID householdId;

    @Enumerated(EnumType.STRING)
    @Column(name = "relationship_to_head")
    public Relationship relationshipToHead;

    @Column(name = "moved_in_on", nullable = false)
    public LocalDate movedInOn;

    @Column(name = "moved_out_on")
    public LocalDate movedOutOn;

    public String reason;
}
