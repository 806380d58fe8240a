package org.linli.canteen.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One dish of one meal of one day of a weekly menu. */
@Entity
@jakarta.persistence.Table(name = "menu_item")
public class MenuItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "menu_id", nullable = false)
    public UUID menuId;

    @Column(nullable = false)
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Meal meal;

    @Column(name = "dish_id", nullable = false)
    public UUID dishId;

    @Column(nullable = false)
    public int position;
}
