package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.domain.AlertStatus;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.domain.EmergencyContact;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.FamilyLinkStatus;
import org.linli.resident.domain.FamilyPurpose;
import org.linli.resident.domain.HeadAssignment;
import org.linli.resident.domain.HeadKind;
import org.linli.resident.domain.Household;
import org.linli.resident.domain.Resident;
import org.linli.resident.events.CareAlertEvents;
import org.linli.resident.notification.Notice;
import org.linli.resident.notification.NoticeDispatcher;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/**
 * Care alerts: raised by a missed delivery, a worrying welfare check or a household alarm; sent at once to the
 * resident's emergency contacts and their grid head; escalated to the community's duty desk when nobody acknowledges in
 * time; acknowledged and resolved with notes.
 */
@ApplicationScoped
@Transactional
public class CareAlerts {

    private final ResidentScope scope;
    private final Caller caller;
    private final NoticeDispatcher notices;
    private final Outbox outbox;
    private final CareConfig config;
    private final Clock clock;
    private final FamilyLinks familyLinks;
    private final AuditTrail audit;

    CareAlerts(ResidentScope scope, Caller caller, NoticeDispatcher notices, Outbox outbox, CareConfig config,
            Clock clock, FamilyLinks familyLinks, AuditTrail audit) {
        this.scope = scope;
        this.caller = caller;
        this.notices = notices;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.familyLinks = familyLinks;
        this.audit = audit;
    }

    /** Raises an alert about one resident, once per cause and source however often it is reported. */
    public Optional<CareAlert> raiseForResident(UUID residentId, AlertCause cause, String sourceRef) {
        Resident resident = Resident.findById(residentId);
        if (resident == null) {
            Log.warnf("Care alert %s for unknown resident %s (source %s) not raised", cause, residentId, sourceRef);
            return Optional.empty();
        }
        return Optional.of(existing(cause, sourceRef).orElseGet(() -> {
            CareAlert alert = newAlert(resident.communityId, resident.districtId, cause, sourceRef);
            alert.residentId = resident.id;
            alert.householdId = resident.householdId;
            alert.gridId = resident.gridId;
            alert.persist();
            notifyCircle(alert, List.of(resident));
            return alert;
        }));
    }

    /** What a partner's alarm report led to: the household's alert, and whether this report raised it. */
    public record AlarmReport(CareAlert alert, boolean raised) {
    }

    /**
     * A partner's gas or smoke alarm in a household of a community the partner serves (404 otherwise): one alert per
     * partner and alarm id, however often it is reported.
     */
    public AlarmReport reportAlarm(String communityCode, UUID householdId, AlertCause cause, String alarmId) {
        if (!caller.worksIn(communityCode) && !caller.is(Roles.GATEWAY)) { // the gateway checked the vendor's scope
            throw new NotFoundProblem("No community " + communityCode + " in your scope");
        }
        String source = caller.subject() + ":" + alarmId;
        boolean known = existing(cause, source).isPresent();
        return new AlarmReport(raiseForHousehold(communityCode, householdId, cause, source), !known);
    }

    /** Raises an alert about a household (a gas or smoke alarm), once per alarm id. */
    public CareAlert raiseForHousehold(String communityCode, UUID householdId, AlertCause cause, String alarmId) {
        Household household = Household.<Household>findByIdOptional(householdId)
                .filter(h -> h.communityId.equals(communityCode))
                .orElseThrow(() -> new NotFoundProblem("No household " + householdId + " in community " + communityCode));
        return existing(cause, alarmId).orElseGet(() -> {
            Resident any = Resident.find("householdId", household.id).firstResult();
            CareAlert alert = newAlert(communityCode, any == null ? null : any.districtId, cause, alarmId);
            alert.householdId = household.id;
            alert.gridId = household.gridId;
            alert.persist();
            notifyCircle(alert, Resident.list("householdId = ?1 and status = 'ACTIVE'", household.id));
            return alert;
        });
    }

    /** Sends alerts nobody acknowledged in time to the duty desk; returns how many. */
    public int escalateOverdue() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.escalateAfter());
        @SuppressWarnings("unchecked")
        List<CareAlert> overdue = CareAlert.getEntityManager().createNativeQuery(
                "select * from care_alert where status = 'RAISED' and raised_at < ?1 order by raised_at limit 100 "
                        + "for update skip locked", CareAlert.class)
                .setParameter(1, cutoff).getResultList();
        for (CareAlert alert : overdue) {
            alert.status = AlertStatus.ESCALATED;
            alert.escalatedAt = OffsetDateTime.now(clock);
            notices.queue(Notice.escalated(alert.id, alert.communityId));
            outbox.publish(CareAlertEvents.of(CareAlertEvents.ESCALATED, alert, config.escalateAfter()));
        }
        return overdue.size();
    }

    /**
     * An alert the caller may see (grid heads: their grids only; a family member: their linked parent's, with a
     * CARE_ALERTS link); otherwise 404.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CareAlert visible(String communityCode, UUID alertId) {
        if (!scope.readsAsStaff(communityCode) && scope.familyMember().isPresent()) {
            return forFamily(communityCode, alertId).alert();
        }
        scope.readableCommunity(communityCode);
        return CareAlert.<CareAlert>findByIdOptional(alertId)
                .filter(a -> a.communityId.equals(communityCode) && inScope(a))
                .orElseThrow(() -> new NotFoundProblem("No care alert " + alertId + " in your scope"));
    }

    /** The community's alerts, newest first; grid heads get their grids' only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CareAlert> list(String communityCode, boolean openOnly, int size) {
        scope.readableCommunity(communityCode);
        StringBuilder where = new StringBuilder("communityId = :community");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("community", communityCode));
        if (openOnly) {
            where.append(" and status <> :resolved");
            params.put("resolved", AlertStatus.RESOLVED);
        }
        if (!scope.restrictToGrids(where, params)) {
            return List.of();
        }
        return CareAlert.<CareAlert>find(where.toString(), Sort.descending("raisedAt").and("id"), params).page(0, size).list();
    }

    /**
     * One resident's alerts and their household's alarms, newest first: for staff who may see the resident, and for a
     * family member with a CARE_ALERTS link to them; otherwise 404.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CareAlert> ofResident(String communityCode, UUID residentId, boolean openOnly, int size) {
        Resident resident;
        if (!scope.readsAsStaff(communityCode) && scope.familyMember().isPresent()) {
            familyLinks.callersLink(residentId, FamilyPurpose.CARE_ALERTS)
                    .filter(link -> link.communityId.equals(communityCode))
                    .orElseThrow(() -> new NotFoundProblem("No resident " + residentId + " in your scope"));
            resident = Resident.findById(residentId);
        } else {
            resident = scope.visibleResident(communityCode, residentId);
        }
        StringBuilder where = new StringBuilder("communityId = :community and (residentId = :resident"
                + " or (residentId is null and householdId = :household))");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("community", communityCode,
                "resident", resident.id, "household", resident.householdId == null ? new UUID(0, 0) : resident.householdId));
        if (openOnly) {
            where.append(" and status <> :resolved");
            params.put("resolved", AlertStatus.RESOLVED);
        }
        return CareAlert.<CareAlert>find(where.toString(), Sort.descending("raisedAt").and("id"), params).page(0, size).list();
    }

    public boolean inScope(CareAlert alert) {
        return scope.gridRestriction().map(grids -> grids.contains(alert.gridId)).orElse(true);
    }

    /**
     * Takes an alert on, which stops its escalation: the community's staff, or a family member with a CARE_ALERTS link
     * to the resident (recorded as acting for them: acknowledgedBy is the member, acknowledgedFor the resident, and the
     * audit trail names both).
     */
    public CareAlert acknowledge(String communityCode, UUID alertId, String note) {
        CareAlert alert;
        FamilyLink link = null;
        if (!scope.worksAsStaffIn(communityCode) && scope.familyMember().isPresent()) {
            FamilyAlert family = forFamily(communityCode, alertId);
            alert = family.alert();
            link = family.link();
        } else {
            scope.managedCommunity(communityCode, true);
            alert = visible(communityCode, alertId);
        }
        if (alert.status != AlertStatus.RAISED && alert.status != AlertStatus.ESCALATED) {
            throw new ConflictProblem("The alert is already " + alert.status);
        }
        alert.status = AlertStatus.ACKNOWLEDGED;
        alert.acknowledgedBy = scope.actor();
        alert.acknowledgedAt = OffsetDateTime.now(clock);
        alert.acknowledgement = note;
        if (link != null) {
            alert.acknowledgedFor = link.parentId;
            audit.record(caller.actingFor(link.parentId.toString()), "ACKNOWLEDGE_ALERT", communityCode, "care-alert",
                    alert.id);
        }
        outbox.publish(CareAlertEvents.of(CareAlertEvents.ACKNOWLEDGED, alert, config.escalateAfter()));
        return alert;
    }

    private record FamilyAlert(CareAlert alert, FamilyLink link) {
    }

    /** An alert of this community that the calling family member's CARE_ALERTS link covers; otherwise 404. */
    private FamilyAlert forFamily(String communityCode, UUID alertId) {
        return CareAlert.<CareAlert>findByIdOptional(alertId).filter(a -> a.communityId.equals(communityCode))
                .flatMap(a -> familyLinks.callersLinkCovering(a).map(link -> new FamilyAlert(a, link)))
                .orElseThrow(() -> new NotFoundProblem("No care alert " + alertId + " in your scope"));
    }

    public CareAlert resolve(String communityCode, UUID alertId, String resolution) {
        scope.managedCommunity(communityCode, true);
        CareAlert alert = visible(communityCode, alertId);
        String by = scope.actor();
        if (!alert.open()) {
            throw new ConflictProblem("The alert is already resolved");
        }
        if (alert.acknowledgedAt == null) {
            alert.acknowledgedBy = by;
            alert.acknowledgedAt = OffsetDateTime.now(clock);
        }
        alert.status = AlertStatus.RESOLVED;
        alert.resolvedBy = by;
        alert.resolvedAt = OffsetDateTime.now(clock);
        alert.resolution = resolution;
        outbox.publish(CareAlertEvents.of(CareAlertEvents.RESOLVED, alert, config.escalateAfter()));
        return alert;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertNotification> notifications(CareAlert alert) {
        return AlertNotification.list("alertId", Sort.by("sentAt"), alert.id);
    }

    private Optional<CareAlert> existing(AlertCause cause, String sourceRef) {
        // serialise reports of the same source, so a retried report finds the alert instead of racing it
        CareAlert.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, cause + ":" + sourceRef).getSingleResult();
        return CareAlert.find("cause = ?1 and sourceRef = ?2", cause, sourceRef).firstResultOptional();
    }

    private CareAlert newAlert(String communityId, String districtId, AlertCause cause, String sourceRef) {
        CareAlert alert = new CareAlert();
        alert.id = UUID.randomUUID();
        alert.communityId = communityId;
        alert.districtId = districtId;
        alert.cause = cause;
        alert.sourceRef = sourceRef;
        alert.status = AlertStatus.RAISED;
        alert.raisedAt = OffsetDateTime.now(clock);
        return alert;
    }

    /**
     * Tells the residents' emergency contacts, their family members holding a CARE_ALERTS link, and the grid head;
     * urgent alarms go to the duty desk at once too. What each is told and through which channel is the notice dispatcher's business (org.linli.resident.notification).
     */
    private void notifyCircle(CareAlert alert, List<Resident> residents) {
        for (Resident resident : residents) {
            if (!org.linli.resident.domain.Consent.given(resident.id, org.linli.resident.domain.ConsentPurpose.CARE_ALERTS,
                    LocalDate.now(clock))) {
                continue; // no consent in force: the grid head and the duty desk still act
            }
            List<EmergencyContact> contacts = EmergencyContact.list("residentId = ?1 and removedAt is null",
                    Sort.by("priority"), resident.id);
            for (EmergencyContact contact : contacts) {
                notices.queue(Notice.raised(alert.id, AlertNotification.EMERGENCY_CONTACT, contact.id.toString()));
            }
            for (FamilyLink link : FamilyLink.<FamilyLink>list("parentId = ?1 and status = ?2", resident.id,
                    FamilyLinkStatus.ACTIVE)) {
                if (link.allows(FamilyPurpose.CARE_ALERTS, LocalDate.now(clock))) {
                    notices.queue(Notice.raised(alert.id, AlertNotification.FAMILY_MEMBER, link.memberId.toString()));
                }
            }
        }
        List<UUID> gridHeads = alert.gridId == null ? List.of()
                : HeadAssignment.<HeadAssignment>list("orgUnitId = ?1 and kind = ?2 and endedAt is null", alert.gridId,
                        HeadKind.GRID_HEAD).stream().map(h -> h.residentId).distinct().toList();
        for (UUID head : gridHeads) {
            notices.queue(Notice.raised(alert.id, AlertNotification.GRID_HEAD, head.toString()));
        }
        if (alert.cause.urgent() || gridHeads.isEmpty()) {
            notices.queue(Notice.raised(alert.id, AlertNotification.DUTY_DESK, alert.communityId));
        }
        outbox.publish(CareAlertEvents.of(CareAlertEvents.RAISED, alert, config.escalateAfter()));
    }

    /** Residents who live alone or are housebound and whom nobody has seen for {@code days} days (or ever). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> quietElders(String communityCode, List<UUID> grids, int days) {
        OffsetDateTime since = LocalDate.now(clock).minusDays(days).atStartOfDay(clock.getZone()).toOffsetDateTime();
        StringBuilder jpql = new StringBuilder("select r, c from Resident r left join LastContact c on c.residentId = r.id "
                + "where r.communityId = :community and r.status = 'ACTIVE' and (r.housebound = true or r.livesAlone = true) "
                + "and (c.at is null or c.at < :since)");
        if (grids != null) {
            jpql.append(" and r.gridId in :grids");
        }
        jpql.append(" order by c.at nulls first, r.name");
        var query = Resident.getEntityManager().createQuery(jpql.toString(), Object[].class)
                .setParameter("community", communityCode).setParameter("since", since);
        if (grids != null) {
            query.setParameter("grids", grids.isEmpty() ? List.of(new UUID(0, 0)) : grids);
        }
        return new ArrayList<>(query.getResultList());
    }
}
