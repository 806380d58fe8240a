package org.linli.resident.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Who read a sensitive field or changed a record, and when. It names fields, never their values. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String actor;

    /** Whose authority the actor used (a parent, when a family member acted for them); null when they acted in their own right. */
    @Column(name = "acted_for")
    public String actedFor;

    @Column(name = "actor_roles", nullable = false)
    public String actorRoles;

    @Column(name = "community_id")
    public String communityId;

    @Column(nullable = false)
    public String action;

    @Column(name = "subject_type", nullable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    public String fields;

    /** Why the reader needed personal data in full, as they stated it (reads of personal data only). */
    public String reason;
}
