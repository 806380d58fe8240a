package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A senior-university class (paper-cutting, hulusi, ...) volunteers may attend with class credits. */
@Entity
@Table(name = "class_course")
public class ClassCourse extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public String title;

    public String provider;

    public String description;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
