package org.linli.canteen.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;


import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One meal for one diner on one day, with its price breakdown fixed when it was ordered. */
@Entity
@Table(name = "meal_order")
public class MealOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "diner_id", nullable = false)
    public UUID dinerId;

    @Column(name = "meal_date", nullable = false)
    public LocalDate mealDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Meal meal;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceMode service;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Payment payment;

    @Column(name = "standing_order_id")
    public UUID standingOrderId;

    /** The diner's dietary codes when ordered: the kitchen cooks for them. */
    @Column(name = "dietary_needs", nullable = false)
    public String dietaryNeeds = "";

    @Column(name = "building_id")
    public UUID buildingId;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "total_fen", nullable = false)
    public long totalFen;

    @Column(name = "elder_pays_fen", nullable = false)
    public long elderPaysFen;

    @Column(name = "subsidy_fen", nullable = false)
    public long subsidyFen;

    @Column(name = "sponsor_fen", nullable = false)
    public long sponsorFen;

    @Column(name = "sponsor_id")
    public String sponsorId;

    @Column(name = "placed_by", nullable = false)
    public String placedBy;

    /** The diner a family member placed the order for (placedBy is the member); null when the actor acted in their own right. */
    @Column(name = "placed_for")
    public UUID placedFor;

    @Column(name = "placed_at", nullable = false)
    public OffsetDateTime placedAt;

    /** Who cancelled the order (the system when the diner moved out). */
    @Column(name = "cancelled_by")
    public String cancelledBy;

    /** The diner a family member cancelled the order for; null when the actor acted in their own right. */
    @Column(name = "cancelled_for")
    public UUID cancelledFor;

    /** When it was served, delivered, missed or cancelled. */
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public long version;

    public Price price() {
        return new Price(totalFen, elderPaysFen, subsidyFen, sponsorFen, sponsorId);
    }

    public void price(Price price) {
        totalFen = price.totalFen();
        elderPaysFen = price.elderPaysFen();
        subsidyFen = price.subsidyFen();
        sponsorFen = price.sponsorFen();
        sponsorId = price.sponsorId();
    }

    public List<String> dietaryCodes() {
        return dietaryNeeds.isEmpty() ? List.of() : Arrays.asList(dietaryNeeds.split(","));
    }
}
