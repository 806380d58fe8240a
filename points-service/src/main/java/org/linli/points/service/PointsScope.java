package org.linli.points.service;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;

import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.points.domain.Member;

/**
 * Who the caller is to the moral bank. A community worker manages their community; a grid head the members of
 * the grids their token lists (claim {@value #GRIDS_CLAIM}, issued by the identity provider from resident-service's
 * head assignments); a volunteer and a resident act for themselves (token subject = their resident id); a district
 * officer reads the communities of their district; a partner only what it sponsors. Anything outside the scope
 * is a 404, never a 403 that would say it exists.
 */
@RequestScoped
public class PointsScope {

    public static final String GRIDS_CLAIM = "grids";

    private final Caller caller;
    private final EntityManager em;

    PointsScope(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    public String actor() {
        return caller.subject() == null ? "unknown" : caller.subject();
    }

    public boolean is(String role) {
        return caller.is(role);
    }

    /** A community worker of this community (or a grid head of it): may manage types, rules, catalogue, classes. */
    public boolean manages(String communityId) {
        return (caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD)) && caller.worksIn(communityId);
    }

    public boolean isCommunityWorker(String communityId) {
        return caller.is(Roles.COMMUNITY_WORKER) && caller.worksIn(communityId);
    }

    /** Reads everything of the community: its workers, and the district officer above it. */
    public boolean readsCommunity(String communityId) {
        if (isCommunityWorker(communityId)) {
            return true;
        }
        return caller.is(Roles.DISTRICT_OFFICER) && caller.mayRead(communityId, districtOf(communityId));
    }

    /** The caller's own resident id when they act as this role in this community. */
    public Optional<UUID> self(String role, String communityId) {
        if (!caller.is(role) || !caller.worksIn(communityId) || caller.subject() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(caller.subject()));
        } catch (IllegalArgumentException notAResident) {
            return Optional.empty();
        }
    }

    public Optional<UUID> selfVolunteer(String communityId) {
        return self(Roles.VOLUNTEER, communityId);
    }

    /**
     * The volunteer a request acts for: a community worker names them (at the counter, for a volunteer without a
     * phone); a volunteer acts for themself only.
     */
    public UUID actingVolunteer(String communityId, UUID requested) {
        if (isCommunityWorker(communityId)) {
            if (requested == null) {
                throw new InvalidRequestProblem("volunteerId", "say for which volunteer a community worker acts");
            }
            return requested;
        }
        Optional<UUID> self = selfVolunteer(communityId);
        if (self.isEmpty()) {
            throw new NotFoundProblem("No community " + communityId + " in your scope");
        }
        if (requested != null && !requested.equals(self.get())) {
            throw new ForbiddenProblem("A volunteer acts only for themself");
        }
        return self.get();
    }

    /** The grids a grid head of this community looks after (empty for anyone else). */
    public Set<UUID> headedGrids(String communityId) {
        if (!caller.is(Roles.GRID_HEAD) || !caller.worksIn(communityId)) {
            return Set.of();
        }
        return caller.claimValues(GRIDS_CLAIM).stream().map(PointsScope::uuidOrNull).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** Whether a grid head of the caller's grids looks after this member. */
    public boolean headsGridOf(String communityId, UUID residentId) {
        if (residentId == null) {
            return false;
        }
        Set<UUID> grids = headedGrids(communityId);
        if (grids.isEmpty()) {
            return false;
        }
        Member member = Member.findById(residentId);
        return member != null && member.gridId != null && grids.contains(member.gridId);
    }

    /** Reads this volunteer's wallet and services: themself, and whoever reads the community. */
    public void requireVolunteerReader(String communityId, UUID volunteerId) {
        if (selfVolunteer(communityId).filter(volunteerId::equals).isPresent() || readsCommunity(communityId)) {
            return;
        }
        throw new NotFoundProblem("No volunteer " + volunteerId + " in your scope");
    }

    public void requireManager(String communityId) {
        if (!manages(communityId)) {
            if (caller.community().isPresent() && !caller.worksIn(communityId)) {
                throw new NotFoundProblem("No community " + communityId + " in your scope");
            }
            throw new ForbiddenProblem("Only the community's workers and grid heads manage this");
        }
    }

    /** Anyone with a part in the community's moral bank: its workers and grid heads, the district, its volunteers. */
    public void requireParticipant(String communityId) {
        if (!manages(communityId) && !readsCommunity(communityId) && selfVolunteer(communityId).isEmpty()) {
            throw new NotFoundProblem("No community " + communityId + " in your scope");
        }
    }

    public void requireReader(String communityId) {
        if (!readsCommunity(communityId)) {
            throw new NotFoundProblem("No community " + communityId + " in your scope");
        }
    }

    /** The partner the caller speaks for (its token subject). */
    public String partner() {
        if (!caller.is(Roles.PARTNER) || caller.subject() == null) {
            throw new ForbiddenProblem("Only partners read sponsored rewards");
        }
        return caller.subject();
    }

    /** The district a community belongs to, as learnt from resident events (null while unknown). */
    public String districtOf(String communityId) {
        return em.createQuery("select m.districtId from Member m where m.communityId = ?1 and m.districtId is not null",
                String.class).setParameter(1, communityId).setMaxResults(1).getResultStream().findFirst()
                .orElseGet(() -> em.createQuery("select v.districtId from Volunteer v where v.communityId = ?1 and v.districtId is not null",
                        String.class).setParameter(1, communityId).setMaxResults(1).getResultStream().findFirst().orElse(null));
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
