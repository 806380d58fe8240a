package org.linli.points.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A kind of service a community rewards, with its points rule: points per service or per so many minutes, and
 * caps per volunteer per day and per week so points cannot be farmed.
 */
@Entity
@Table(name = "service_type")
public class ServiceType extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    /** Stable code, e.g. ELDER_CARE_VISIT, SNOW_SWEEPING. */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PointsBasis basis;

    @Column(nullable = false)
    public int points;

    /** With PER_MINUTES: {@link #points} per this many minutes. */
    @Column(name = "per_minutes")
    public Integer perMinutes;

    /** The most points one volunteer earns from this type in a day (community time), or none. */
    @Column(name = "daily_cap")
    public Integer dailyCap;

    /** The most points one volunteer earns from this type in a week (Monday to Sunday), or none. */
    @Column(name = "weekly_cap")
    public Integer weeklyCap;

    /** Whether a service of this type is for someone (a visit) rather than community-wide (snow sweeping). */
    @Column(name = "needs_beneficiary", nullable = false)
    public boolean needsBeneficiary;

    @Column(nullable = false)
    public boolean active;

    @Version
    public long version;

    /** The points this rule gives for a service of so many minutes, before caps. */
    public int pointsFor(int minutes) {
        return basis == PointsBasis.PER_SERVICE ? points : (int) ((long) minutes * points / perMinutes);
    }
}
