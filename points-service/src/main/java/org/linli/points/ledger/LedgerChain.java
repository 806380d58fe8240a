package org.linli.points.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The newest posting of a community's chain: the next posting takes seq + 1 and chains to this hash. */
@Entity
@Table(name = "ledger_chain")
public class LedgerChain extends PanacheEntityBase {

    public static final String GENESIS = "0".repeat(64);

    @Id
    @Column(name = "community_id")
    public String communityId;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;
}
