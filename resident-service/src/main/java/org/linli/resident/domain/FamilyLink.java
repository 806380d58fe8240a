package org.linli.resident.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Who may act for whom, for what, until when: a family member, signed in as themself (their account's subject, which
 * is their resident id when they are a resident too), for a parent who consented (purpose FAMILY_ACCESS, the consent
 * it rests on is kept). Invariants: never for oneself; at most one ACTIVE link per parent and member (a database index);
 * never valid beyond the consent; a revoked link stays revoked (revoke again answers the same link). Nothing is deleted.
 */
@Entity
@Table(name = "family_link")
public class FamilyLink extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The parent's community. */
    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "parent_id", nullable = false)
    public UUID parentId;

    /** The family member's account subject (their own id, never the parent's). */
    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** How the member is related to the parent, in the words of whoever recorded it (daughter, son). */
    @Column(nullable = false)
    public String relationship;

    /** Comma-separated {@link FamilyPurpose} names. */
    @Column(nullable = false)
    String purposes = "";

    /** The last community calendar day the link holds (inclusive); null until revoked. */
    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** The parent's FAMILY_ACCESS consent the link rests on. */
    @Column(name = "consent_id", nullable = false)
    public UUID consentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FamilyLinkStatus status;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Version
    public long version;

    public Set<FamilyPurpose> purposes() {
        return purposes.isEmpty() ? EnumSet.noneOf(FamilyPurpose.class)
                : Arrays.stream(purposes.split(",")).map(FamilyPurpose::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(FamilyPurpose.class)));
    }

    public void purposes(Set<FamilyPurpose> chosen) {
        purposes = chosen.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** ACTIVE, EXPIRED (stored ACTIVE but its last day has passed) or REVOKED, as of this community day. */
    public FamilyLinkStatus statusOn(LocalDate day) {
        if (status == FamilyLinkStatus.ACTIVE && validUntil != null && day.isAfter(validUntil)) {
            return FamilyLinkStatus.EXPIRED;
        }
        return status;
    }

    /** Whether the link lets its member act for the parent for this purpose on this day. */
    public boolean allows(FamilyPurpose purpose, LocalDate day) {
        return statusOn(day) == FamilyLinkStatus.ACTIVE && purposes().contains(purpose);
    }

    /**
     * The member's CARE_ALERTS link that covers this alert on this day: a link to the resident it is about, or for a
     * household's alarm, to any resident of that household.
     */
    public static Optional<FamilyLink> covering(UUID memberId, CareAlert alert, LocalDate day) {
        List<FamilyLink> links = FamilyLink.<FamilyLink>list("memberId = ?1 and communityId = ?2 and status = ?3",
                memberId, alert.communityId, FamilyLinkStatus.ACTIVE).stream()
                .filter(link -> link.allows(FamilyPurpose.CARE_ALERTS, day)).toList();
        for (FamilyLink link : links) {
            if (alert.residentId != null ? alert.residentId.equals(link.parentId)
                    : alert.householdId != null && Resident.<Resident>findByIdOptional(link.parentId)
                            .filter(parent -> alert.householdId.equals(parent.householdId)).isPresent()) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }
}
