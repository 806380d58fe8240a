package org.linli.points.ledger;

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
 * One account of the ledger. Its balance is kept with it, so it is read in O(1); only {@link Ledger} changes it,
 * together with the entry that explains the change. The database refuses a negative balance on any account but
 * an issuing one.
 */
@Entity
@Table(name = "ledger_account")
public class LedgerAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Unit unit;

    /** The volunteer, for a wallet; null for the community's own accounts. */
    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(nullable = false)
    public long balance;

    @Column(name = "allow_negative", nullable = false)
    public boolean allowNegative;

    /** A moved-out volunteer's wallets are frozen: nothing moves in or out. */
    @Column(nullable = false)
    public boolean frozen;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
