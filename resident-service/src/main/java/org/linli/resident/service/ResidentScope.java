package org.linli.resident.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.RequestScoped;

import org.hibernate.ReadOnlyMode;

import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.HeadAssignment;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.Resident;

/**
 * Who may see and manage what in the registry: a community worker their community, a grid head only the grids
 * they head, a district officer every community of their district (reading), a resident their own record.
 * Anything outside the scope is "not found", never "forbidden".
 */
@RequestScoped
public class ResidentScope {

    private final Caller caller;
    private List<UUID> headedGrids;

    ResidentScope(Caller caller) {
        this.caller = caller;
    }

    /** The community, if the caller may read in it; otherwise 404. */
    public OrgUnit readableCommunity(String communityCode) {
        OrgUnit community = OrgUnit.community(communityCode).orElseThrow(() -> notFound("community " + communityCode));
        boolean staff = caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD) || caller.is(Roles.DISTRICT_OFFICER);
        if (!staff || !caller.mayRead(community.code, community.districtCode)) {
            throw notFound("community " + communityCode);
        }
        return community;
    }

    /** The community, if the caller is staff of it (a community worker, or a grid head where allowed); otherwise 404. */
    public OrgUnit managedCommunity(String communityCode, boolean gridHeadsToo) {
        OrgUnit community = OrgUnit.community(communityCode).orElseThrow(() -> notFound("community " + communityCode));
        boolean staff = caller.is(Roles.COMMUNITY_WORKER) || (gridHeadsToo && caller.is(Roles.GRID_HEAD));
        if (!staff || !caller.worksIn(community.code)) {
            throw notFound("community " + communityCode);
        }
        return community;
    }

    /** Grid heads see only the grids they head; others are not restricted by grid (empty). */
    public Optional<List<UUID>> gridRestriction() {
        if (caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.DISTRICT_OFFICER) || !caller.is(Roles.GRID_HEAD)) {
            return Optional.empty();
        }
        if (headedGrids == null) {
            headedGrids = callerResidentId().map(HeadAssignment::gridsHeadedBy).orElse(List.of());
        }
        return Optional.of(headedGrids);
    }

    /**
     * Adds the grid head's restriction to a query over rows with a {@code gridId}; returns false when the caller heads no
     * grid (the answer is empty).
     */
    public boolean restrictToGrids(StringBuilder where, java.util.Map<String, Object> params) {
        Optional<List<UUID>> grids = gridRestriction();
        if (grids.isEmpty()) {
            return true;
        }
        if (grids.get().isEmpty()) {
            return false;
        }
        where.append(" and gridId in :grids");
        params.put("grids", grids.get());
        return true;
    }

    public boolean canSee(Resident resident) {
        if (caller.is(Roles.RESIDENT) && callerResidentId().filter(resident.id::equals).isPresent()) {
            return true;
        }
        if (caller.is(Roles.DISTRICT_OFFICER) && caller.mayRead(resident.communityId, resident.districtId)) {
            return true;
        }
        if (!caller.worksIn(resident.communityId)) {
            return false;
        }
        if (caller.is(Roles.COMMUNITY_WORKER)) {
            return true;
        }
        return caller.is(Roles.GRID_HEAD) && gridRestriction().orElse(List.of()).contains(resident.gridId);
    }

    /** A resident the caller may manage (community worker, or the grid head of their grid). */
    public boolean canManage(Resident resident) {
        if (!caller.worksIn(resident.communityId)) {
            return false;
        }
        return caller.is(Roles.COMMUNITY_WORKER)
                || (caller.is(Roles.GRID_HEAD) && gridRestriction().orElse(List.of()).contains(resident.gridId));
    }

    public Resident visibleResident(String communityCode, UUID residentId) {
        return inScope(Resident.findByIdOptional(residentId), communityCode, residentId, this::canSee);
    }

    /**
     * Like {@link #visibleResident}, for reading only: the resident is loaded read-only (Hibernate keeps no snapshot to
     * compare at flush, a quarter of a get-by-id's loading), so a change made to it would never be saved.
     */
    public Resident readableResident(String communityCode, UUID residentId) {
        return inScope(Optional.ofNullable(Resident.getSession().find(Resident.class, residentId, ReadOnlyMode.READ_ONLY)),
                communityCode, residentId, this::canSee);
    }

    public Resident manageableResident(String communityCode, UUID residentId) {
        return inScope(Resident.findByIdOptional(residentId), communityCode, residentId, this::canManage);
    }

    /** The resident found, if of this community and {@code allowed} for the caller; otherwise 404. */
    private static Resident inScope(Optional<? extends Resident> found, String communityCode, UUID residentId,
            Predicate<Resident> allowed) {
        return found.filter(r -> r.communityId.equals(communityCode) && allowed.test(r))
                .orElseThrow(() -> notFound("resident " + residentId));
    }

    public boolean is(String role) {
        return caller.is(role);
    }

    /** Whether the caller reads this community as staff (a worker or grid head of it, a district officer above it). */
    public boolean readsAsStaff(String communityCode) {
        boolean staff = caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD) || caller.is(Roles.DISTRICT_OFFICER);
        return staff && OrgUnit.community(communityCode)
                .filter(community -> caller.mayRead(community.code, community.districtCode)).isPresent();
    }

    /** Whether the caller works in this community as a community worker or a grid head. */
    public boolean worksAsStaffIn(String communityCode) {
        return (caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD)) && caller.worksIn(communityCode);
    }

    /** Whether the caller is this resident, signed in as themself. */
    public boolean isSelf(UUID residentId) {
        return caller.is(Roles.RESIDENT) && callerResidentId().filter(residentId::equals).isPresent();
    }

    /** The family member's own id when the caller signed in with the family role; empty otherwise. */
    public Optional<UUID> familyMember() {
        return caller.is(Roles.FAMILY) ? callerResidentId() : Optional.empty();
    }

    public String actor() {
        return caller.subject();
    }

    private Optional<UUID> callerResidentId() {
        try {
            return Optional.ofNullable(caller.subject()).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static NotFoundProblem notFound(String what) {
        return new NotFoundProblem("No " + what + " in your scope");
    }
}
