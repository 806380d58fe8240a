package org.linli.dashboard.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/**
 * Who may see which figures: a district officer their district's communities, a community worker their own community,
 * nobody else anything. Outside the caller's scope a district or community does not exist (404).
 */
@RequestScoped
public class DashboardScope {

    private final Caller caller;
    private final Communities communities;

    DashboardScope(Caller caller, Communities communities) {
        this.caller = caller;
        this.communities = communities;
    }

    /** The district, if the caller is its officer. */
    public String district(String districtId) {
        if (caller.is(Roles.DISTRICT_OFFICER) && caller.district().filter(districtId::equals).isPresent()) {
            return districtId;
        }
        throw new NotFoundProblem("No district " + districtId + " in your scope");
    }

    /** The community, if the caller works in it or is the officer of its district. */
    public Communities.Community community(String communityId) {
        Optional<Communities.Community> community = communities.find(communityId);
        if (community.isPresent() && mayRead(community.get())) {
            return community.get();
        }
        throw new NotFoundProblem("No community " + communityId + " in your scope");
    }

    /** The communities the caller may see: one district's, or their own. */
    public List<Communities.Community> visible() {
        if (caller.is(Roles.DISTRICT_OFFICER) && caller.district().isPresent()) {
            return communities.ofDistrict(caller.district().get());
        }
        if (caller.is(Roles.COMMUNITY_WORKER) && caller.community().isPresent()) {
            return communities.find(caller.community().get()).map(List::of).orElse(List.of());
        }
        return List.of();
    }

    public boolean mayRead(String communityId) {
        return communities.find(communityId).map(this::mayRead).orElse(false);
    }

    private boolean mayRead(Communities.Community community) {
        if (caller.is(Roles.COMMUNITY_WORKER) && caller.worksIn(community.communityId())) {
            return true;
        }
        return caller.is(Roles.DISTRICT_OFFICER) && community.districtId() != null
                && caller.district().filter(community.districtId()::equals).isPresent();
    }

    /** What the live feed tells this caller: the communities it may see. */
    public java.util.function.Predicate<String> feedFilter() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        visible().forEach(c -> ids.add(c.communityId()));
        String district = caller.is(Roles.DISTRICT_OFFICER) ? caller.district().orElse(null) : null;
        return communityId -> ids.contains(communityId)
                || (district != null && communities.find(communityId).map(c -> district.equals(c.districtId())).orElse(false));
    }
}
