package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A red-vest volunteer enrolled by resident-service (volunteer.enrolled.v1); their wallets open on enrolment. */
@Entity
public class Volunteer extends PanacheEntityBase {

    @Id
    @Column(name = "volunteer_id")
    public UUID volunteerId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    @Column(name = "enrolled_at", nullable = false)
    public OffsetDateTime enrolledAt;

    /** The volunteer if enrolled in this community (one enrolled elsewhere is not found here). */
    public static Optional<Volunteer> findIn(String communityId, UUID volunteerId) {
        return Volunteer.<Volunteer>findByIdOptional(volunteerId).filter(v -> v.communityId.equals(communityId));
    }
}
