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
}
