package org.linli.canteen.domain;

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

/** One line of a meal account's statement (append-only; the database refuses updates and deletes). */
@Entity
@Table(name = "account_entry")
public class AccountEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "diner_id", nullable = false)
    public UUID dinerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntryKind kind;

    /** Positive for top-ups and refunds, negative for charges. */
    @Column(name = "amount_fen", nullable = false)
    public long amountFen;

    @Column(name = "balance_after_fen", nullable = false)
    public long balanceAfterFen;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
