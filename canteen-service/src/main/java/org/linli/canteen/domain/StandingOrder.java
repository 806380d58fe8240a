package org.linli.canteen.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A housebound elder's lunch every day, or on chosen weekdays, until paused (a hospital stay) or cancelled. */
@Entity
@Table(name = "standing_order")
public class StandingOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "diner_id", nullable = false)
    public UUID dinerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceMode service;

    /** Comma-separated weekdays (MONDAY, ...); empty means every day. */
    @Column(nullable = false)
    public String weekdays = "";

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    /** No lunch from this day ... */
    @Column(name = "paused_from")
    public LocalDate pausedFrom;

    /** ... to this day inclusive (open-ended when null, until resumed). */
    @Column(name = "paused_until")
    public LocalDate pausedUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StandingOrderStatus status;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The diner a family member created it for (createdBy is the member); null when the actor acted in their own right. */
    @Column(name = "created_for")
    public UUID createdFor;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public List<DayOfWeek> weekdayList() {
        return weekdays.isEmpty() ? List.of() : Arrays.stream(weekdays.split(",")).map(DayOfWeek::valueOf).toList();
    }

    /** Whether this standing order asks for lunch on this day. */
    public boolean wants(LocalDate day) {
        return status == StandingOrderStatus.ACTIVE && !day.isBefore(startsOn) && (endsOn == null || !day.isAfter(endsOn))
                && (weekdays.isEmpty() || weekdayList().contains(day.getDayOfWeek())) && !pausedOn(day);
    }

    public boolean pausedOn(LocalDate day) {
        return pausedFrom != null && !day.isBefore(pausedFrom) && (pausedUntil == null || !day.isAfter(pausedUntil));
    }
}
