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
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One door of a run: which order, for whom, where (building and unit ids), what diet; then what the deliverer found. */
@Entity
@Table(name = "delivery_stop")
public class DeliveryStop extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    /** The diner (their resident id), read from the order; set by hand on a stop planned in this transaction. */
    @Formula("(select o.diner_id from meal_order o where o.id = order_id)")
    public UUID dinerId;

    @Column(nullable = false)
    public int sequence;

    @Column(name = "building_id")
    public UUID buildingId;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "dietary_needs", nullable = false)
    public String dietaryNeeds = "";

    /** Null until the deliverer records the outcome; then fixed. */
    @Enumerated(EnumType.STRING)
    @Column(name = "welfare_check")
    public WelfareCheck welfareCheck;

    /** What worried the deliverer; never leaves canteen-service. */
    public String note;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    public List<String> dietaryCodes() {
        return dietaryNeeds.isEmpty() ? List.of() : Arrays.asList(dietaryNeeds.split(","));
    }
}
