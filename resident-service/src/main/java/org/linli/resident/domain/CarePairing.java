package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer paired with a resident they look after (结对帮扶), e.g. Mr Li visiting Ms Zhao twice a day. */
@Entity
@Table(name = "care_pairing")
public class CarePairing extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "volunteer_id", nullable = false)
    public UUID volunteerId;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    @Column(nullable = false)
    public OffsetDateTime since;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    public String note;

    @Version
    public long version;
}
