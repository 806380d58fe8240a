package org.linli.canteen.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One deliverer's round of a day: stops door to door, by building and stairwell. */
@Entity
@Table(name = "delivery_run")
public class DeliveryRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "run_date", nullable = false)
    public LocalDate runDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "deliverer_kind", nullable = false)
    public DelivererKind delivererKind;

    @Column(name = "deliverer_id", nullable = false)
    public String delivererId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
