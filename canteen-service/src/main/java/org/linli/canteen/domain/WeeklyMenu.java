package org.linli.canteen.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A canteen's menu for one week (Monday to Sunday): lunch every day, dinner where offered. */
@Entity
@jakarta.persistence.Table(name = "weekly_menu")
public class WeeklyMenu extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    /** The Monday the week starts on. */
    @Column(name = "week_start", nullable = false)
    public LocalDate weekStart;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MenuStatus status;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
