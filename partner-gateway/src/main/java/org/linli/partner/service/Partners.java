package org.linli.partner.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.partner.domain.Partner;
import org.linli.partner.domain.PartnerKind;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;

import io.quarkus.logging.Log;

/** Registering partners and what they may see. */
@ApplicationScoped
@Transactional
public class Partners {

    private final PartnerScope scope;
    private final Clock clock;
    private final SecretCipher cipher;

    Partners(PartnerScope scope, Clock clock, SecretCipher cipher) {
        this.scope = scope;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** A new partner; {@code technicalContact} (an e-mail address) is optional. */
    public record Registration(String id, String name, PartnerKind kind, List<String> communities, List<String> eventTypes,
            String technicalContact) {
    }

    public Partner register(Registration registration) {
        List<String> communities = distinct(registration.communities());
        List<String> types = distinct(registration.eventTypes());
        scope.requireMayRegister(communities);
        for (String type : types) {
            if (!WebhookCatalogue.knows(type)) {
                throw new InvalidRequestProblem("eventTypes", type + " is not an event type partners may receive");
            }
        }
        if (Partner.findById(registration.id()) != null) {
            throw new ConflictProblem("A partner " + registration.id() + " is registered already");
        }
        Partner partner = new Partner();
        partner.id = registration.id();
        partner.name = registration.name().strip();
        partner.kind = registration.kind();
        partner.communities = communities;
        partner.eventTypes = types;
        partner.createdAt = OffsetDateTime.now(clock);
        partner.createdBy = scope.actor();
        partner.technicalContact = seal(registration.technicalContact());
        partner.persist();
        Log.infof("Partner %s (%s) registered for %d communities and %d event types", partner.id, partner.kind,
                communities.size(), types.size());
        return partner;
    }

    /**
     * Sets (or, with null, removes) the technical contact told when a subscription is paused: the partner itself or its
     * administrators.
     */
    public Partner changeTechnicalContact(String partnerId, String email) {
        Partner partner = scope.usable(partnerId);
        partner.technicalContact = seal(email);
        Log.infof("Technical contact of partner %s %s", partner.id, email == null ? "removed" : "changed");
        return partner;
    }

    /** The partner's technical contact in clear, if it has one. */
    public java.util.Optional<String> technicalContact(Partner partner) {
        return java.util.Optional.ofNullable(partner.technicalContact).map(cipher::open);
    }

    public Partner get(String partnerId) {
        return scope.usable(partnerId);
    }

    /** The partners the caller may see, by id. */
    public List<Partner> visible() {
        List<Partner> all = Partner.list("order by id");
        return all.stream().filter(scope::mayUse).toList();
    }

    private String seal(String email) {
        return email == null || email.isBlank() ? null : cipher.seal(email.strip());
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
