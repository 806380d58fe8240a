package org.linli.resident.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person living in the community. Moving out keeps the record; nothing is ever hard-deleted. */
@Entity
public class Resident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Gender gender;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Column(name = "lives_alone", nullable = false)
    public boolean livesAlone;

    @Column(nullable = false)
    public boolean housebound;

    @Column(name = "chronic_illness", nullable = false)
    public boolean chronicIllness;

    @Column(name = "low_income", nullable = false)
    public boolean lowIncome;

    /** Comma-separated {@link DietaryNeed} codes. */
    @Column(name = "dietary_needs", nullable = false)
    String dietaryNeeds = "";

    @Column(name = "district_id")
    public String districtId;

    @Column(name = "household_id")
    public UUID householdId;

    @Enumerated(EnumType.STRING)
    @Column(name = "relationship_to_head")
    public Relationship relationshipToHead;

    /** Where the resident lives, copied from the household so scoped queries need no joins. */
    @Column(name = "grid_id")
    public UUID gridId;

    @Column(name = "building_id")
    public UUID buildingId;

    @Column(name = "unit_id")
    public UUID unitId;

    /** National ID number, AES-GCM encrypted. */
    @Column(name = "national_id_cipher")
    public byte[] nationalIdCipher;

    /** Keyed hash (HMAC) of the national ID number: finds duplicates and exact matches without decrypting. */
    @Column(name = "national_id_hash")
    public byte[] nationalIdHash;

    /** The id of the blind-index key that computed {@link #nationalIdHash} (linli.pii.blind-index-key-id). */
    @Column(name = "national_id_index_key")
    public Integer nationalIdIndexKey;

    @Column(name = "phone_cipher")
    public byte[] phoneCipher;

    /** 138****5678: shown in lists without decrypting anything. */
    @Column(name = "phone_masked")
    public String phoneMasked;

    /** 220103********123X. */
    @Column(name = "national_id_masked")
    public String nationalIdMasked;

    @Column(name = "party_member", nullable = false)
    public boolean partyMember;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResidentStatus status = ResidentStatus.ACTIVE;

    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "moved_out_on")
    public LocalDate movedOutOn;

    @Version
    public long version;

    public Set<DietaryNeed> dietaryNeeds() {
        return dietaryNeeds.isEmpty() ? EnumSet.noneOf(DietaryNeed.class)
                : Arrays.stream(dietaryNeeds.split(",")).map(DietaryNeed::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DietaryNeed.class)));
    }

    public void dietaryNeeds(Set<DietaryNeed> needs) {
        dietaryNeeds = needs == null ? "" : needs.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    public AgeBand ageBand(LocalDate today) {
        return AgeBand.of(birthDate, today);
    }

    public boolean active() {
        return status == ResidentStatus.ACTIVE;
    }

    /** Moves the resident's address (grid, building, unit) to that of the household, or clears it. */
    public void livesIn(Household household) {
        householdId = household == null ? null : household.id;
        gridId = household == null ? null : household.gridId;
        buildingId = household == null ? null : household.buildingId;
        unitId = household == null ? null : household.unitId;
    }
}
