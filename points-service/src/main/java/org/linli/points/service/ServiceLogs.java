package org.linli.points.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Roles;
import org.linli.points.domain.Member;
import org.linli.points.domain.ServiceActivity;
import org.linli.points.domain.ServiceLog;
import org.linli.points.domain.ServiceStatus;
import org.linli.points.domain.ServiceType;
import org.linli.points.domain.Volunteer;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.Posted;

import io.quarkus.logging.Log;

/**
 * The service log: a volunteer (or a community worker for them) logs what they did; the beneficiary, their grid
 * head or a community worker confirms it — never the volunteer — and the confirmation credits points and
 * service minutes exactly once, within the type's daily and weekly caps. A repeated log (same Idempotency-Key),
 * confirmation or rejection answers what was stored the first time, and the first answer already says the same:
 * "now" comes from the community clock, which ticks in microseconds as PostgreSQL stores them, and the time a
 * service was performed is kept to the microsecond too.
 */
@ApplicationScoped
@Transactional
public class ServiceLogs {

    /** How far back a service may be logged. */
    static final Duration LOG_WINDOW = Duration.ofDays(31);
    /** Clock skew allowed for "when" on a phone. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(10);

    private final PointsScope scope;
    private final ServiceTypes types;
    private final Volunteers volunteers;
    private final Awards awards;
    private final Ledger ledger;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    ServiceLogs(PointsScope scope, ServiceTypes types, Volunteers volunteers, Awards awards, Ledger ledger, Outbox outbox,
            EntityManager em, Clock clock) {
        this.scope = scope;
        this.types = types;
        this.volunteers = volunteers;
        this.awards = awards;
        this.ledger = ledger;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    public record NewService(UUID volunteerId, String type, UUID beneficiaryId, OffsetDateTime performedAt, int minutes,
            String note) {
    }

    public record NewActivity(String type, String title, OffsetDateTime performedAt, int minutes, List<UUID> volunteerIds) {
    }

    /** A logged service, and whether this call created it (false when an Idempotency-Key was replayed). */
    public record Logged(ServiceLog service, boolean created) {
    }

    public record Filter(ServiceStatus status, UUID volunteerId, UUID beneficiaryId, UUID activityId, OffsetDateTime from,
            OffsetDateTime to) {
    }

    public Logged log(String communityId, NewService request, String idempotencyKey) {
        UUID volunteerId = scope.actingVolunteer(communityId, request.volunteerId());
        if (idempotencyKey != null) {
            Optional<ServiceLog> replay = ServiceLog.find("communityId = ?1 and loggedBy = ?2 and idempotencyKey = ?3",
                    communityId, scope.actor(), idempotencyKey).firstResultOptional();
            if (replay.isPresent()) {
                return new Logged(replay.get(), false);
            }
        }
        ServiceType type = activeType(communityId, request.type());
        ServiceLog service = newService(communityId, volunteerId, type, request.beneficiaryId(), request.performedAt(),
                request.minutes(), request.note(), null);
        service.idempotencyKey = idempotencyKey;
        service.persist();
        outbox.publish(PointsEvents.service(PointsEvents.SERVICE_LOGGED, service));
        return new Logged(service, true);
    }

    /** One activity, many volunteers (a snow-sweeping morning): a pending service for each, confirmable together. */
    public ServiceActivity logActivity(String communityId, NewActivity request) {
        scope.requireManager(communityId);
        ServiceType type = activeType(communityId, request.type());
        if (type.needsBeneficiary) {
            throw new InvalidRequestProblem(type.code + " is done for someone: log it per volunteer with the beneficiary");
        }
        ServiceActivity activity = new ServiceActivity();
        activity.id = UUID.randomUUID();
        activity.communityId = communityId;
        activity.typeId = type.id;
        activity.title = request.title().strip();
        activity.performedAt = request.performedAt().truncatedTo(ChronoUnit.MICROS);
        activity.minutes = request.minutes();
        activity.organisedBy = scope.actor();
        activity.createdAt = OffsetDateTime.now(clock);
        activity.persist();
        em.flush();
        for (UUID volunteerId : new LinkedHashSet<>(request.volunteerIds())) {
            enrolled(communityId, volunteerId);
            ServiceLog service = newService(communityId, volunteerId, type, null, request.performedAt(), request.minutes(),
                    null, activity.id);
            service.persist();
            outbox.publish(PointsEvents.service(PointsEvents.SERVICE_LOGGED, service));
        }
        return activity;
    }

    public ServiceActivity activity(String communityId, UUID activityId) {
        return ServiceActivity.<ServiceActivity>findByIdOptional(activityId)
                .filter(a -> a.communityId.equals(communityId) && (scope.manages(communityId) || scope.readsCommunity(communityId)))
                .orElseThrow(() -> new NotFoundProblem("No activity " + activityId + " in your scope"));
    }

    public List<ServiceLog> ofActivity(UUID activityId) {
        return ServiceLog.list("activityId = ?1 order by volunteerId", activityId);
    }

    /**
     * Confirms a pending service and credits it, once: a second confirmation returns the same result and credits
     * nothing. The volunteer can never confirm their own service.
     */
    public ServiceLog confirm(String communityId, UUID serviceId) {
        ServiceLog service = locked(communityId, serviceId);
        String capacity = decider(service);
        if (service.status == ServiceStatus.CONFIRMED) {
            return service;
        }
        if (service.status == ServiceStatus.REJECTED || service.status == ServiceStatus.REVERSED) {
            throw new ConflictProblem("Service " + serviceId + " was " + service.status.name().toLowerCase()
                    + "; it cannot be confirmed");
        }
        ServiceType type = ServiceType.findById(service.typeId);
        int points = type.pointsFor(service.minutes);
        if (type.dailyCap != null || type.weeklyCap != null) {
            ledger.lockVolunteer(communityId, service.volunteerId); // the caps read this volunteer's credits
            points = cappedPoints(service, type, points);
        }

        service.status = ServiceStatus.CONFIRMED;
        service.decidedBy = scope.actor();
        service.decidedAs = capacity;
        service.decidedAt = OffsetDateTime.now(clock);
        service.pointsAwarded = points;
        outbox.publish(PointsEvents.service(PointsEvents.SERVICE_CONFIRMED, service));
        Posted posted = awards.forService(service);
        service.postingId = posted.posting().id;
        Log.debugf("Service %s confirmed: %d points, posting %s", service.id, points, service.postingId);
        return service;
    }

    public ServiceLog reject(String communityId, UUID serviceId, String reason) {
        ServiceLog service = locked(communityId, serviceId);
        String capacity = decider(service);
        if (service.status == ServiceStatus.REJECTED) {
            return service;
        }
        if (service.status == ServiceStatus.CONFIRMED || service.status == ServiceStatus.REVERSED) {
            throw new ConflictProblem("Service " + serviceId + " was confirmed and credited; a community worker can "
                    + "reverse its posting with a reason instead");
        }
        service.status = ServiceStatus.REJECTED;
        service.decidedBy = scope.actor();
        service.decidedAs = capacity;
        service.decidedAt = OffsetDateTime.now(clock);
        service.rejectionReason = reason.strip();
        outbox.publish(PointsEvents.service(PointsEvents.SERVICE_REJECTED, service));
        return service;
    }

    public ServiceLog visible(String communityId, UUID serviceId) {
        return ServiceLog.<ServiceLog>findByIdOptional(serviceId)
                .filter(s -> s.communityId.equals(communityId) && canSee(s))
                .orElseThrow(() -> new NotFoundProblem("No service " + serviceId + " in your scope"));
    }

    /** The code of a service type (for an activity; a service keeps its own {@link ServiceLog#typeCode}). */
    public String typeCode(UUID typeId) {
        return ServiceType.<ServiceType>findByIdOptional(typeId).map(t -> t.code).orElse(null);
    }

    /** Services the caller may see, newest first. */
    public List<ServiceLog> list(String communityId, Filter filter, int page, int size) {
        StringBuilder query = new StringBuilder("communityId = :community");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("community", communityId));
        if (!scope.readsCommunity(communityId)) {
            Optional<UUID> volunteer = scope.selfVolunteer(communityId);
            Optional<UUID> resident = scope.self(Roles.RESIDENT, communityId);
            Set<UUID> grids = scope.headedGrids(communityId);
            List<String> mine = new ArrayList<>();
            volunteer.ifPresent(v -> {
                mine.add("volunteerId = :self");
                params.put("self", v);
            });
            resident.ifPresent(r -> {
                mine.add("beneficiaryId = :beneficiary");
                params.put("beneficiary", r);
            });
            if (!grids.isEmpty()) {
                mine.add("beneficiaryId in (select m.residentId from Member m where m.gridId in :grids)");
                params.put("grids", grids);
            }
            if (mine.isEmpty()) {
                throw new NotFoundProblem("No community " + communityId + " in your scope");
            }
            query.append(" and (").append(String.join(" or ", mine)).append(')');
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.volunteerId() != null) {
            query.append(" and volunteerId = :volunteer");
            params.put("volunteer", filter.volunteerId());
        }
        if (filter.beneficiaryId() != null) {
            query.append(" and beneficiaryId = :forWhom");
            params.put("forWhom", filter.beneficiaryId());
        }
        if (filter.activityId() != null) {
            query.append(" and activityId = :activity");
            params.put("activity", filter.activityId());
        }
        if (filter.from() != null) {
            query.append(" and performedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and performedAt < :to");
            params.put("to", filter.to());
        }
        query.append(" order by performedAt desc, id");
        return ServiceLog.<ServiceLog>find(query.toString(), params).page(page, size).list();
    }

    private boolean canSee(ServiceLog s) {
        return scope.readsCommunity(s.communityId)
                || scope.selfVolunteer(s.communityId).filter(s.volunteerId::equals).isPresent()
                || scope.self(Roles.RESIDENT, s.communityId).filter(r -> r.equals(s.beneficiaryId)).isPresent()
                || scope.headsGridOf(s.communityId, s.beneficiaryId);
    }

    /** In which capacity the caller may decide this service; refuses the volunteer themself. */
    private String decider(ServiceLog s) {
        if (s.volunteerId.toString().equals(scope.actor())) {
            throw new ForbiddenProblem("A volunteer can never confirm or reject their own service");
        }
        if (s.beneficiaryId != null && scope.self(Roles.RESIDENT, s.communityId).filter(s.beneficiaryId::equals).isPresent()) {
            return "BENEFICIARY";
        }
        if (scope.headsGridOf(s.communityId, s.beneficiaryId)) {
            return "GRID_HEAD";
        }
        if (scope.isCommunityWorker(s.communityId)) {
            return "COMMUNITY_WORKER";
        }
        throw new ForbiddenProblem("Only the beneficiary, their grid head or a community worker confirms a service");
    }

    private ServiceLog locked(String communityId, UUID serviceId) {
        // two confirmations of one service queue here
        return ServiceLog.<ServiceLog>findByIdOptional(serviceId, LockModeType.PESSIMISTIC_WRITE)
                .filter(s -> s.communityId.equals(communityId) && canSee(s))
                .orElseThrow(() -> new NotFoundProblem("No service " + serviceId + " in your scope"));
    }

    private int cappedPoints(ServiceLog service, ServiceType type, int points) {
        ZonedDateTime when = service.performedAt.atZoneSameInstant(clock.getZone());
        ZonedDateTime day = when.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Object[] earned = (Object[]) em.createNativeQuery("""
                select coalesce(sum(points_awarded) filter (where performed_at >= ?4 and performed_at < ?6), 0),
                       coalesce(sum(points_awarded), 0)
                from service_log where volunteer_id = ?1 and type_id = ?2 and status = 'CONFIRMED'
                  and performed_at >= ?3 and performed_at < ?5""").setParameter(1, service.volunteerId)
                .setParameter(2, service.typeId).setParameter(3, week.toOffsetDateTime())
                .setParameter(4, day.toOffsetDateTime()).setParameter(5, week.plusWeeks(1).toOffsetDateTime())
                .setParameter(6, day.plusDays(1).toOffsetDateTime())
                .getSingleResult();
        long today = ((Number) earned[0]).longValue();
        long thisWeek = ((Number) earned[1]).longValue();
        if (type.dailyCap != null) {
            points = (int) Math.min(points, type.dailyCap - today);
        }
        if (type.weeklyCap != null) {
            points = (int) Math.min(points, type.weeklyCap - thisWeek);
        }
        return Math.max(points, 0);
    }

    private ServiceType activeType(String communityId, String code) {
        Optional<ServiceType> type = ServiceType.find("communityId = ?1 and code = ?2", communityId, code).firstResultOptional();
        if (type.isEmpty()) {
            types.ensureDefaults(communityId); // a community's first service: it starts with the default types
            type = ServiceType.find("communityId = ?1 and code = ?2", communityId, code).firstResultOptional();
        }
        return type.filter(t -> t.active)
                .orElseThrow(() -> new NotFoundProblem("No active service type " + code + " in community " + communityId));
    }

    private Volunteer enrolled(String communityId, UUID volunteerId) {
        Volunteer volunteer = volunteers.enrolled(communityId, volunteerId);
        if (ledger.findWallet(communityId, volunteerId, AccountKind.WALLET).filter(w -> w.frozen).isPresent()) {
            throw new ConflictProblem("Volunteer " + volunteerId + " has moved out; their wallet is frozen");
        }
        return volunteer;
    }

    private ServiceLog newService(String communityId, UUID volunteerId, ServiceType type, UUID beneficiaryId,
            OffsetDateTime performedAt, int minutes, String note, UUID activityId) {
        Volunteer volunteer = enrolled(communityId, volunteerId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (performedAt.isAfter(now.plus(FUTURE_SKEW))) {
            throw new InvalidRequestProblem("performedAt", "a service is logged after it was done, not before");
        }
        if (performedAt.isBefore(now.minus(LOG_WINDOW))) {
            throw new InvalidRequestProblem("performedAt", "services are logged within " + LOG_WINDOW.toDays() + " days");
        }
        if (type.needsBeneficiary && beneficiaryId == null) {
            throw new InvalidRequestProblem("beneficiaryId", type.code + " is done for someone; say whom");
        }
        if (beneficiaryId != null) {
            if (beneficiaryId.equals(volunteerId)) {
                throw new InvalidRequestProblem("beneficiaryId", "a volunteer is not their own beneficiary");
            }
            Member.<Member>findByIdOptional(beneficiaryId).filter(m -> m.communityId.equals(communityId) && !m.movedOut)
                    .orElseThrow(() -> new NotFoundProblem("No resident " + beneficiaryId + " in community " + communityId));
        }
        ServiceLog service = new ServiceLog();
        service.id = UUID.randomUUID();
        service.communityId = communityId;
        service.districtId = volunteer.districtId;
        service.volunteerId = volunteerId;
        service.ofType(type);
        service.beneficiaryId = beneficiaryId;
        service.activityId = activityId;
        service.performedAt = performedAt.truncatedTo(ChronoUnit.MICROS);
        service.minutes = minutes;
        service.note = note == null || note.isBlank() ? null : note.strip();
        service.status = ServiceStatus.PENDING;
        service.loggedBy = scope.actor();
        service.loggedAt = now;
        return service;
    }
}
