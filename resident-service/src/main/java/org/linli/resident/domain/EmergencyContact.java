package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A relative or neighbour to tell when something goes wrong; their phone is encrypted at rest. */
@Entity
@Table(name = "emergency_contact")
public class EmergencyContact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    @Column(nullable = false)
    public String name;

    /** e.g. daughter, son, neighbour. */
    @Column(nullable = false)
    public String relationship;

    @Column(name = "phone_cipher", nullable = false)
    public byte[] phoneCipher;

    /** 1 is called first. */
    @Column(nullable = false)
    public int priority;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "removed_at")
    public OffsetDateTime removedAt;
}
