package org.linli.points.ledger;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One leg of a posting: an amount in or out of one account, and the account's balance after it. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "posting_id", nullable = false)
    public UUID postingId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** Positive into the account, negative out of it; never zero. */
    @Column(nullable = false)
    public long amount;

    @Column(name = "balance_after", nullable = false)
    public long balanceAfter;
}
