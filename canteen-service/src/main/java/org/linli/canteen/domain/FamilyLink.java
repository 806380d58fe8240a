package org.linli.canteen.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A family member's link to a parent, as learnt from resident-service's events: who may act for whom, for what, until
 * when. The canteen reads the {@value #MEALS} purpose. A revoked link is final; nothing else changes a link.
 */
@Entity
@Table(name = "family_link")
public class FamilyLink extends PanacheEntityBase {

    /** The purpose that lets a family member order, cancel and pause meals and read the meal account. */
    public static final String MEALS = "MEALS";
    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";

    @Id
    @Column(name = "link_id")
    public UUID linkId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "parent_id", nullable = false)
    public UUID parentId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** Comma-separated purposes as resident-service names them (MEALS, CARE_ALERTS, ...). */
    @Column(nullable = false)
    public String purposes = "";

    /** The last community calendar day the link holds (inclusive); null until revoked. */
    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** ACTIVE or REVOKED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Whether the link lets its member act for the parent in this community for this purpose on this day. */
    public boolean allows(String communityId, String purpose, LocalDate day) {
        return ACTIVE.equals(status) && this.communityId.equals(communityId)
                && (validUntil == null || !day.isAfter(validUntil))
                && Arrays.asList(purposes.split(",")).contains(purpose);
    }
}
