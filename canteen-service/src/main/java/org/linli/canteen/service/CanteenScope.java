package org.linli.canteen.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.canteen.domain.Canteen;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/**
 * What the caller may do in a community's canteen. Anything outside their scope is a 404, never a 403, so nobody
 * learns what exists elsewhere. Roles themselves are checked on the resources.
 */
@ApplicationScoped
public class CanteenScope {

    private final Caller caller;
    private final Canteens canteens;

    CanteenScope(Caller caller, Canteens canteens) {
        this.caller = caller;
        this.canteens = canteens;
    }

    /** Canteen staff and community workers manage their own community's canteen. */
    public Canteen managed(String communityId) {
        if (!isStaff() || !caller.worksIn(communityId)) {
            throw new NotFoundProblem("No canteen " + communityId + " in your scope");
        }
        return canteens.of(communityId);
    }

    /** Staff of the community, or a district officer of its district, read it. */
    public Canteen readable(String communityId) {
        if (isStaff() && caller.worksIn(communityId)) {
            return canteens.of(communityId);
        }
        Canteen canteen = Canteen.findById(communityId);
        if (canteen != null && caller.is(Roles.DISTRICT_OFFICER) && caller.mayRead(communityId, canteen.districtId)) {
            return canteen;
        }
        throw new NotFoundProblem("No canteen " + communityId + " in your scope");
    }

    /** Whether the caller acts for this diner: staff of the community, or the elder themself (or family for them). */
    public boolean actsFor(String communityId, UUID dinerId) {
        if (isStaff()) {
            return caller.worksIn(communityId);
        }
        return isElder() && dinerId.toString().equals(caller.subject())
                && caller.community().map(communityId::equals).orElse(true);
    }

    public boolean isStaff() {
        return caller.is(Roles.CANTEEN_STAFF) || caller.is(Roles.COMMUNITY_WORKER);
    }

    public boolean isElder() {
        return caller.is(Roles.RESIDENT);
    }

    public boolean isVolunteer() {
        return caller.is(Roles.VOLUNTEER);
    }

    public boolean isPartner() {
        return caller.is(Roles.PARTNER);
    }

    public boolean isDistrictOfficer() {
        return caller.is(Roles.DISTRICT_OFFICER);
    }

    public boolean worksIn(String communityId) {
        return caller.worksIn(communityId);
    }

    public boolean mayRead(String communityId, String districtId) {
        return caller.mayRead(communityId, districtId);
    }

    /** Who acts (the token subject), for the records. */
    public String actor() {
        return caller.subject();
    }
}
