package org.linli.points.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a community pays in points for a meal delivery, and how many service minutes buy one class. */
@Entity
@Table(name = "community_policy")
public class CommunityPolicy extends PanacheEntityBase {

    /** Points for one delivered meal. */
    public static final int DEFAULT_DELIVERY_POINTS = 5;
    /** As at Laodong Yifang: 40 minutes of service buy one 1.5-hour class. */
    public static final int DEFAULT_MINUTES_PER_CLASS = 40;

    @Id
    @Column(name = "community_id")
    public String communityId;

    @Column(name = "delivery_points", nullable = false)
    public int deliveryPoints;

    @Column(name = "minutes_per_class", nullable = false)
    public int minutesPerClass;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    /** The community's policy, or the defaults when it has not set one. */
    public static CommunityPolicy of(String communityId) {
        CommunityPolicy policy = findById(communityId);
        if (policy == null) {
            policy = new CommunityPolicy();
            policy.communityId = communityId;
            policy.deliveryPoints = DEFAULT_DELIVERY_POINTS;
            policy.minutesPerClass = DEFAULT_MINUTES_PER_CLASS;
        }
        return policy;
    }
}
