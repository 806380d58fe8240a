package org.linli.canteen.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A diner's prepaid meal account. The balance never goes below zero; every change is an {@link AccountEntry}. */
@Entity
@Table(name = "meal_account")
public class MealAccount extends PanacheEntityBase {

    @Id
    @Column(name = "diner_id")
    public UUID dinerId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "balance_fen", nullable = false)
    public long balanceFen;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
