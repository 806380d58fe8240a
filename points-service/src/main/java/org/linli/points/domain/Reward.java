package org.linli.points.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A gift in a community's catalogue: its price in points, the stock left, a per-volunteer limit, a sponsor. */
@Entity
public class Reward extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "points_price", nullable = false)
    public int pointsPrice;

    /** Items left to reserve; never below zero (the database refuses it too). */
    @Column(nullable = false)
    public int stock;

    /** How many one volunteer may hold (reserved or handed over), or no limit. */
    @Column(name = "per_volunteer_limit")
    public Integer perVolunteerLimit;

    @Column(name = "active_from")
    public LocalDate activeFrom;

    @Column(name = "active_until")
    public LocalDate activeUntil;

    /** The partner (a bank) that sponsors it, or none. */
    @Column(name = "sponsor_id")
    public String sponsorId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public boolean activeOn(LocalDate day) {
        return (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || !day.isAfter(activeUntil));
    }
}
