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

/** A dish a community's canteen cooks. */
@Entity
public class Dish extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DishCategory category;

    /** Comma-separated allergens (peanut, shellfish, ...). */
    @Column(nullable = false)
    public String allergens = "";

    /** Comma-separated {@link Suitability} codes. */
    @Column(nullable = false)
    public String suitability = "";

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public List<String> allergenList() {
        return split(allergens);
    }

    public List<Suitability> suitabilityList() {
        return split(suitability).stream().map(Suitability::valueOf).toList();
    }

    private static List<String> split(String codes) {
        return codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    }
}
