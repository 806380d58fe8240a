package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.CommunityPolicy;
import org.linli.points.domain.PointsBasis;
import org.linli.points.domain.ServiceType;

/**
 * The kinds of service a community rewards and their points rules, and the community's delivery points and
 * class rate. A community starts with a default set modelled on practice (a visit earns more than an errand,
 * patrols and snow sweeping are paid by time with daily caps) that its workers then adjust.
 */
@ApplicationScoped
@Transactional
public class ServiceTypes {

    public record Rule(String code, String name, PointsBasis basis, int points, Integer perMinutes, Integer dailyCap,
            Integer weeklyCap, boolean needsBeneficiary) {
    }

    static final List<Rule> DEFAULTS = List.of(
            new Rule("ELDER_CARE_VISIT", "Elder care visit", PointsBasis.PER_SERVICE, 10, null, 30, 100, true),
            new Rule("ERRAND", "Errand or proxy shopping", PointsBasis.PER_SERVICE, 8, null, 24, 80, true),
            new Rule("COMPANIONSHIP", "Companionship and chatting", PointsBasis.PER_MINUTES, 5, 30, 30, 100, true),
            new Rule("HEALTH_ESCORT", "Escort to the clinic or hospital", PointsBasis.PER_MINUTES, 5, 30, 40, 120, true),
            new Rule("SNOW_SWEEPING", "Snow sweeping", PointsBasis.PER_MINUTES, 5, 30, 40, 120, false),
            new Rule("SAFETY_PATROL", "Safety patrol", PointsBasis.PER_MINUTES, 4, 30, 30, 100, false),
            new Rule("ENVIRONMENT_CLEANUP", "Environment clean-up", PointsBasis.PER_MINUTES, 4, 30, 30, 100, false));

    private final PointsScope scope;
    private final EntityManager em;
    private final Clock clock;

    ServiceTypes(PointsScope scope, EntityManager em, Clock clock) {
        this.scope = scope;
        this.em = em;
        this.clock = clock;
    }

    /** Gives a community the default service types, once (a no-op when it has any). */
    public void ensureDefaults(String communityId) {
        for (Rule rule : DEFAULTS) {
            em.createNativeQuery("""
                    insert into service_type (id, community_id, code, name, basis, points, per_minutes, daily_cap, weekly_cap,
                                              needs_beneficiary, active, version)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, true, 0) on conflict (community_id, code) do nothing""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, communityId).setParameter(3, rule.code())
                    .setParameter(4, rule.name()).setParameter(5, rule.basis().name()).setParameter(6, rule.points())
                    .setParameter(7, rule.perMinutes()).setParameter(8, rule.dailyCap()).setParameter(9, rule.weeklyCap())
                    .setParameter(10, rule.needsBeneficiary()).executeUpdate();
        }
    }

    public List<ServiceType> list(String communityId) {
        scope.requireParticipant(communityId);
        ensureDefaults(communityId);
        return ServiceType.list("communityId = ?1 order by code", communityId);
    }

    public ServiceType create(String communityId, Rule rule) {
        scope.requireManager(communityId);
        ensureDefaults(communityId);
        if (ServiceType.count("communityId = ?1 and code = ?2", communityId, rule.code()) > 0) {
            throw new ConflictProblem("Community " + communityId + " already has a service type " + rule.code());
        }
        ServiceType type = new ServiceType();
        type.id = UUID.randomUUID();
        type.communityId = communityId;
        type.code = rule.code();
        type.active = true;
        apply(type, rule);
        type.persist();
        return type;
    }

    public ServiceType update(String communityId, UUID typeId, Rule rule, boolean active) {
        scope.requireManager(communityId);
        ServiceType type = get(communityId, typeId);
        if (!type.code.equals(rule.code())) {
            throw new InvalidRequestProblem("A service type's code does not change (it is " + type.code + ")");
        }
        apply(type, rule);
        type.active = active;
        return type;
    }

    public ServiceType get(String communityId, UUID typeId) {
        return ServiceType.<ServiceType>findByIdOptional(typeId).filter(t -> t.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No service type " + typeId + " in community " + communityId));
    }

    public CommunityPolicy policy(String communityId) {
        scope.requireParticipant(communityId);
        return CommunityPolicy.of(communityId);
    }

    public CommunityPolicy setPolicy(String communityId, int deliveryPoints, int minutesPerClass) {
        scope.requireManager(communityId);
        CommunityPolicy policy = CommunityPolicy.findById(communityId);
        boolean fresh = policy == null;
        if (fresh) {
            policy = CommunityPolicy.of(communityId);
        }
        policy.deliveryPoints = deliveryPoints;
        policy.minutesPerClass = minutesPerClass;
        policy.updatedAt = OffsetDateTime.now(clock);
        policy.updatedBy = scope.actor();
        if (fresh) {
            policy.persist();
        }
        return policy;
    }

    private static void apply(ServiceType type, Rule rule) {
        if (rule.basis() == PointsBasis.PER_MINUTES && rule.perMinutes() == null) {
            throw new InvalidRequestProblem("A PER_MINUTES rule needs perMinutes (points per so many minutes)");
        }
        type.name = rule.name().strip();
        type.basis = rule.basis();
        type.points = rule.points();
        type.perMinutes = rule.basis() == PointsBasis.PER_MINUTES ? rule.perMinutes() : null;
        type.dailyCap = rule.dailyCap();
        type.weeklyCap = rule.weeklyCap();
        type.needsBeneficiary = rule.needsBeneficiary();
    }
}
