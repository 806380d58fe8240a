package org.linli.resident.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * A canteen delivery run as the canteen announced it (delivery-run.planned.v1): who carries lunch to which residents'
 * doors on which day. It decides whose doors a deliverer may see; the doors themselves stay here.
 */
@Entity
@Table(name = "delivery_run")
public class DeliveryRun extends PanacheEntityBase {

    public static final String VOLUNTEER = "VOLUNTEER";

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "run_date", nullable = false)
    public LocalDate runDate;

    /** STAFF or VOLUNTEER, as the canteen names them. */
    @Column(name = "deliverer_kind", nullable = false)
    public String delivererKind;

    /** The staff account, or the volunteer's resident id (their token's subject). */
    @Column(name = "deliverer_id", nullable = false)
    public String delivererId;

    /** When the canteen planned (or last changed) the run: an older announcement never replaces a newer one. */
    @Column(name = "planned_at", nullable = false)
    public OffsetDateTime plannedAt;

    /** Whether an announcement made at {@code at} is older than what is known, and so changes nothing. */
    public boolean isNewerThan(OffsetDateTime at) {
        return plannedAt.isAfter(at);
    }

    public static List<DeliveryRun> ofDay(String communityId, LocalDate date) {
        return list("communityId = ?1 and runDate = ?2", Sort.by("plannedAt").and("id"), communityId, date);
    }

    /** The day's runs a volunteer carries themself. */
    public static List<DeliveryRun> ofVolunteer(String communityId, LocalDate date, String volunteerId) {
        return list("communityId = ?1 and runDate = ?2 and delivererKind = ?3 and delivererId = ?4",
                Sort.by("plannedAt").and("id"), communityId, date, VOLUNTEER, volunteerId);
    }
}
