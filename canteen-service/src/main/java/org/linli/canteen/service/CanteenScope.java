package org.linli.canteen.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.canteen.domain.Canteen;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Acting;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/**
 * What the caller may do in a community's canteen. Anything outside their scope is a 404, never a 403, so nobody
 * learns what exists elsewhere. Roles themselves are checked on the resources. A family member (role family, subject =
 * their own id) acts for a parent only through a MEALS link in force, and is then recorded as acting for the parent.
 */
@ApplicationScoped
public class CanteenScope {

    private final Caller caller;
    private final Canteens canteens;
    private final FamilyLinks familyLinks;

    CanteenScope(Caller caller, Canteens canteens, FamilyLinks familyLinks) {
        this.caller = caller;
        this.canteens = canteens;
        this.familyLinks = familyLinks;
    }

    /** Canteen staff and community workers manage their own community's canteen. */
    public Canteen managed(String communityId) {
        if (!isStaff() || !caller.worksIn(communityId)) {
            throw new NotFoundProblem("No canteen " + communityId + " in your scope");
        }
        return canteens.of(communityId);
    }

    /**
     * Who runs the community's kitchen day to day: its canteen staff and community workers, and partner-gateway passing
     * on the reports of the canteen operator it has checked serves the community (the endpoints open to the gateway
     * are only those: an order, serving it, a run, a door's outcome).
     */
    public Canteen operated(String communityId) {
        return isGateway() ? canteens.of(communityId) : managed(communityId);
    }

    public boolean isGateway() {
        return caller.is(Roles.GATEWAY);
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

    /**
     * Who reads the community's published menu, the people who eat and those who look after them: staff of the
     * community, a district officer of its district, residents and volunteers of the community (their token's community
     * claim), and a family member with a MEALS link in force for a diner of the community. Anyone else: 404.
     */
    public void publishedMenuReadable(String communityId) {
        if ((isStaff() || isElder() || isVolunteer()) && caller.worksIn(communityId)) {
            return;
        }
        if (isDistrictOfficer()) {
            Canteen canteen = Canteen.findById(communityId);
            if (canteen != null && caller.mayRead(communityId, canteen.districtId)) {
                return;
            }
        }
        if (caller.is(Roles.FAMILY) && familyMember()
                .filter(member -> familyLinks.hasDinerIn(member, communityId)).isPresent()) {
            return;
        }
        throw new NotFoundProblem("No canteen " + communityId + " in your scope");
    }

    /** Whether the caller acts for this diner: staff of the community, the elder themself, or family with a MEALS link. */
    public boolean actsFor(String communityId, UUID dinerId) {
        return acting(communityId, dinerId).isPresent();
    }

    /**
     * How the caller acts for this diner, for the records: staff of the community and the elder themself in their own
     * right; a family member with a MEALS link in force for this diner of this community, for the diner. Empty when the
     * caller may not act for the diner (the answer is then a 404).
     */
    public Optional<Acting> acting(String communityId, UUID dinerId) {
        if (isStaff() && caller.worksIn(communityId)) {
            return Optional.of(caller.acting());
        }
        if (!isStaff() && isElder() && dinerId.toString().equals(caller.subject())
                && caller.community().map(communityId::equals).orElse(true)) {
            return Optional.of(caller.acting());
        }
        if (caller.is(Roles.FAMILY) && familyMember()
                .filter(member -> familyLinks.mayOrderFor(member, dinerId, communityId)).isPresent()) {
            return Optional.of(caller.actingFor(dinerId.toString()));
        }
        return Optional.empty();
    }

    /** The diner a family member acted for, from an {@link Acting}; null when the actor acted in their own right. */
    public static UUID actedFor(Acting acting) {
        return acting.forSomeoneElse() ? UUID.fromString(acting.actedFor()) : null;
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

    private Optional<UUID> familyMember() {
        try {
            return Optional.ofNullable(caller.subject()).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a member's subject is their account id
        }
    }

    /** A partner's id: its token's {@code partner} claim (the identity provider's client tokens), else the subject. */
    public String partnerId() {
        return caller.claimValues("partner").stream().findFirst().orElse(caller.subject());
    }

    /** Who acts (the token subject), for the records. */
    public String actor() {
        return caller.subject();
    }
}
