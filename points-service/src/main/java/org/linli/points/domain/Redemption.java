package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's points spent on a reward: reserved, then handed over at the counter or cancelled. */
@Entity
public class Redemption extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "reward_id", nullable = false)
    public UUID rewardId;

    @Column(name = "volunteer_id", nullable = false)
    public UUID volunteerId;

    @Column(nullable = false)
    public int points;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RedemptionStatus status;

    @Column(name = "reserved_at", nullable = false)
    public OffsetDateTime reservedAt;

    @Column(name = "reserved_by", nullable = false)
    public String reservedBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "posting_id", nullable = false)
    public UUID postingId;

    @Column(name = "reversal_posting_id")
    public UUID reversalPostingId;

    @Version
    public long version;
}
