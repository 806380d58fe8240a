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

/** Two records with the same name and birth date: perhaps one person registered twice. */
@Entity
@Table(name = "duplicate_suspect")
public class DuplicateSuspect extends PanacheEntityBase {

    public enum Status {
        OPEN, MERGED, DISMISSED
    }

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    /** The newer registration. */
    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    /** The record it may duplicate. */
    @Column(name = "other_id", nullable = false)
    public UUID otherId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "raised_at", nullable = false)
    public OffsetDateTime raisedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Version
    public long version;
}
