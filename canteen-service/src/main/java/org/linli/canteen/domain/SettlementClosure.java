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

/**
 * A community's day or month, closed: the settlement as it was published in settlement.closed.v1, once per
 * (community, kind, period) — the unique key is what keeps a second instance or a rerun from publishing it again.
 * Written by {@code SettlementClosing} only, never changed afterwards.
 */
@Entity
@Table(name = "settlement_closure")
public class SettlementClosure extends PanacheEntityBase {

    public enum Kind {
        DAY, MONTH
    }

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** {@code 2026-11-30} for a day, {@code 2026-11} for a month. */
    @Column(nullable = false)
    public String period;

    @Column(name = "period_from", nullable = false)
    public LocalDate from;

    @Column(name = "period_to", nullable = false)
    public LocalDate to;

    @Column(nullable = false)
    public long meals;

    @Column(name = "total_fen", nullable = false)
    public long totalFen;

    @Column(name = "elder_paid_fen", nullable = false)
    public long elderPaidFen;

    @Column(name = "subsidy_fen", nullable = false)
    public long subsidyFen;

    @Column(name = "sponsor_fen", nullable = false)
    public long sponsorFen;

    /** The outbox id of the settlement.closed.v1 event (its CloudEvents id). */
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "closed_at", nullable = false)
    public OffsetDateTime closedAt;
}
