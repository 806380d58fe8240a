package org.linli.partner.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.linli.partner.domain.Partner;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/**
 * Who may see and run which partner. A district officer administers every partner; a community worker the partners
 * serving their community; a partner (role {@code partner}) itself only, named by its token's {@code partner} claim.
 * Anything outside the caller's scope is "not found", so nobody learns which partners exist.
 */
@RequestScoped
public class PartnerScope {

    public static final String PARTNER_CLAIM = "partner";

    private final Caller caller;

    PartnerScope(Caller caller) {
        this.caller = caller;
    }

    public String actor() {
        return caller.subject();
    }

    public boolean districtOfficer() {
        return caller.is(Roles.DISTRICT_OFFICER);
    }

    /** The community a community worker works in, if the caller is one. */
    public Optional<String> workerCommunity() {
        return caller.is(Roles.COMMUNITY_WORKER) ? caller.community() : Optional.empty();
    }

    /** The partner a partner's token names, if the caller is one. */
    public Optional<String> ownPartner() {
        if (!caller.is(Roles.PARTNER)) {
            return Optional.empty();
        }
        List<String> named = caller.claimValues(PARTNER_CLAIM);
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    public boolean administers(Partner partner) {
        return districtOfficer() || workerCommunity().filter(partner::serves).isPresent();
    }

    /** Whether the caller may read and run this partner's subscriptions and deliveries. */
    public boolean mayUse(Partner partner) {
        return administers(partner) || ownPartner().filter(partner.id::equals).isPresent();
    }

    /** The partner, when the caller may use it; otherwise not found. */
    public Partner usable(String partnerId) {
        Partner partner = Partner.findById(partnerId);
        if (partner == null || !mayUse(partner)) {
            throw new NotFoundProblem("No partner " + partnerId);
        }
        return partner;
    }

    /** Registering a partner: a district officer for any communities, a community worker for their own only. */
    public void requireMayRegister(List<String> communities) {
        if (districtOfficer()) {
            return;
        }
        Optional<String> own = workerCommunity();
        if (own.isEmpty() || communities.stream().anyMatch(c -> !c.equals(own.get()))) {
            throw new ForbiddenProblem("A community worker registers partners for their own community only");
        }
    }
}
