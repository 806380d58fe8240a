package org.linli.platform.testapp;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A moment taken from the community clock and stored in a timestamptz column. */
@Entity
@Table(name = "stamp")
public class Stamp extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public OffsetDateTime at;
}
