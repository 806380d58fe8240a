package org.linli.canteen.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One pause, resume or cancellation of a standing order: the pause it left, who made the change and, when a family
 * member made it, for whom. Append-only (the database refuses updates and deletes).
 */
@Entity
@Table(name = "standing_order_change")
public class StandingOrderChange extends PanacheEntityBase {

    public enum Kind {
        PAUSED, RESUMED, CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "standing_order_id", nullable = false)
    public UUID standingOrderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The pause as it stands after the change. */
    @Column(name = "paused_from")
    public LocalDate pausedFrom;

    @Column(name = "paused_until")
    public LocalDate pausedUntil;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    /** The diner a family member acted for; null when the actor acted in their own right. */
    @Column(name = "changed_for")
    public UUID changedFor;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
