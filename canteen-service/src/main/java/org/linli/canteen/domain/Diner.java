package org.linli.canteen.domain;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An elder (60+) who may eat at the senior canteen, learnt from resident events. */
@Entity
public class Diner extends PanacheEntityBase {

    @Id
    @Column(name = "resident_id")
    public UUID residentId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    /** The building and stairwell (unit): delivery runs go door to door in this order. */
    @Column(name = "building_id")
    public UUID buildingId;

    @Column(name = "unit_id")
    public UUID unitId;

    /** The subsidy band (AGED_60_74, AGED_75_84, ...). */
    @Column(name = "age_band", nullable = false)
    public String ageBand;

    /** Housebound elders get lunch delivered, and the delivery doubles as the daily welfare check. */
    @Column(nullable = false)
    public boolean housebound;

    @Column(name = "low_income", nullable = false)
    public boolean lowIncome;

    /** Comma-separated dietary codes (LOW_SALT, SOFT_TEXTURE, ...). */
    @Column(name = "dietary_needs", nullable = false)
    public String dietaryNeeds = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DinerStatus status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public List<String> dietaryCodes() {
        return dietaryNeeds.isEmpty() ? List.of() : Arrays.asList(dietaryNeeds.split(","));
    }

    public boolean mayHaveDelivery() {
        return status == DinerStatus.ACTIVE && housebound;
    }
}
