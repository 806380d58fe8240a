package org.linli.points.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One balanced movement in the ledger: its entries sum to zero per unit. Numbered and chained to the previous
 * posting of the community by a SHA-256 hash, unique per reference (a service, an order, a redemption), never
 * updated or deleted (the database refuses it).
 */
@Entity
public class Posting extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PostingKind kind;

    /** What the posting is for, e.g. {@code service:<id>}, {@code delivery:<orderId>}: each is posted once. */
    @Column(nullable = false)
    public String reference;

    /** The posting this one reverses. */
    public UUID reverses;

    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "prev_hash", nullable = false)
    public String prevHash;

    @Column(nullable = false)
    public String hash;
}
