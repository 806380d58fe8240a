package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.FamilyLinkStatus;
import org.linli.resident.domain.FamilyPurpose;
import org.linli.resident.domain.Resident;
import org.linli.resident.events.FamilyLinkEvents;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Family links: who may act for whom, for what, until when. A community worker links a family member to a resident
 * who consented (FAMILY_ACCESS in force), or the resident does it themself; the resident, a worker or the member
 * revokes it. Every grant and revocation is in the audit trail and on the resident topic (ids, purposes and validity),
 * and a withdrawn FAMILY_ACCESS consent revokes the links that rest on it in the same transaction. Other services act
 * on the links they learn from those events; here they let a family member see and acknowledge the parent's alerts.
 */
@ApplicationScoped
@Transactional
public class FamilyLinks {

    private final ResidentScope scope;
    private final Caller caller;
    private final CareCircle careCircle;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    FamilyLinks(ResidentScope scope, Caller caller, CareCircle careCircle, AuditTrail audit, Outbox outbox, Clock clock) {
        this.scope = scope;
        this.caller = caller;
        this.careCircle = careCircle;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param validUntil the last day the link holds (inclusive); null: as long as the consent, or until revoked */
    public record NewLink(UUID memberId, String relationship, Set<FamilyPurpose> purposes, LocalDate validUntil) {
    }

    /**
     * Links a family member to a resident. A community worker needs the resident's FAMILY_ACCESS consent in force (409
     * otherwise); the resident acting themself consents by doing so (recorded as "self" when none is in force). The link
     * never outlasts the consent (409 for a later validUntil; without one it ends when the consent does). One standing
     * link per resident and member (409). Publishes family-link.granted.v1.
     */
    public FamilyLink grant(String communityCode, UUID parentId, NewLink request) {
        Resident parent = scope.visibleResident(communityCode, parentId);
        boolean self = scope.isSelf(parent.id);
        if (!self && !(scope.is(Roles.COMMUNITY_WORKER) && scope.canManage(parent))) {
            throw new ForbiddenProblem("Only a community worker or the resident themself links a family member");
        }
        if (!parent.active()) {
            throw new ConflictProblem("Only a resident who lives in the community can be linked to family");
        }
        if (request.memberId().equals(parent.id)) {
            throw new InvalidRequestProblem("memberId", "is the resident themself; a family member acts for someone else");
        }
        LocalDate today = LocalDate.now(clock);
        if (request.validUntil() != null && request.validUntil().isBefore(today)) {
            throw new InvalidRequestProblem("validUntil", "is in the past");
        }
        Consent consent = consentInForce(parent.id, today).orElse(null);
        if (consent == null) {
            if (!self) {
                throw new ConflictProblem("The resident has not consented to family members acting for them "
                        + "(purpose FAMILY_ACCESS): record the consent before linking a family member");
            }
            consent = careCircle.record(parent, ConsentPurpose.FAMILY_ACCESS, "self");
        }
        LocalDate until = request.validUntil();
        if (consent.validUntil != null) {
            if (until == null) {
                until = consent.validUntil;
            } else if (until.isAfter(consent.validUntil)) {
                throw new ConflictProblem("The resident's FAMILY_ACCESS consent holds until " + consent.validUntil
                        + "; a link cannot outlast it");
            }
        }
        FamilyLink standing = FamilyLink.find("parentId = ?1 and memberId = ?2 and status = ?3", parent.id,
                request.memberId(), FamilyLinkStatus.ACTIVE).firstResult();
        if (standing != null) {
            if (standing.statusOn(today) == FamilyLinkStatus.ACTIVE) {
                throw new ConflictProblem("Family member " + request.memberId() + " already has a link for this resident ("
                        + standing.id + "); revoke it to change it");
            }
            standing.status = FamilyLinkStatus.EXPIRED; // its time ran out: the new link takes its place
            FamilyLink.flush(); // before the insert, which the one-active index checks
        }
        FamilyLink link = new FamilyLink();
        link.id = UUID.randomUUID();
        link.communityId = parent.communityId;
        link.parentId = parent.id;
        link.memberId = request.memberId();
        link.relationship = request.relationship().strip();
        link.purposes(request.purposes());
        link.validUntil = until;
        link.consentId = consent.id;
        link.status = FamilyLinkStatus.ACTIVE;
        link.grantedBy = scope.actor();
        link.grantedAt = OffsetDateTime.now(clock);
        link.persist();
        audit.record(caller.acting(), "GRANT_FAMILY_LINK", parent.communityId, "resident", parent.id, purposeNames(link));
        outbox.publish(FamilyLinkEvents.granted(link));
        return link;
    }

    /**
     * Ends a link: the resident, a community worker who manages them, or the member giving it up. Revoking a link that
     * no longer stands answers it as it is. Publishes family-link.revoked.v1.
     */
    public FamilyLink revoke(String communityCode, UUID parentId, UUID linkId) {
        FamilyLink link = FamilyLink.<FamilyLink>findByIdOptional(linkId)
                .filter(l -> l.communityId.equals(communityCode) && l.parentId.equals(parentId))
                .orElseThrow(() -> notFound(linkId));
        boolean member = scope.familyMember().filter(link.memberId::equals).isPresent();
        if (!member) {
            Resident parent = scope.visibleResident(communityCode, parentId); // 404 for anyone who cannot see them
            if (!scope.isSelf(parent.id) && !(scope.is(Roles.COMMUNITY_WORKER) && scope.canManage(parent))) {
                throw new ForbiddenProblem("Only the resident, a community worker or the family member revokes a link");
            }
        }
        if (link.status != FamilyLinkStatus.ACTIVE) {
            return link;
        }
        end(link);
        return link;
    }

    /** A withdrawn FAMILY_ACCESS consent takes the links resting on it with it (same transaction). */
    void consentWithdrawn(@Observes ConsentWithdrawn withdrawn) {
        if (withdrawn.consent().purpose != ConsentPurpose.FAMILY_ACCESS) {
            return;
        }
        FamilyLink.<FamilyLink>list("consentId = ?1 and status = ?2", withdrawn.consent().id, FamilyLinkStatus.ACTIVE)
                .forEach(this::end);
    }

    /** A resident's links (standing ones unless {@code all}), for staff who may see them and the resident themself. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FamilyLink> ofResident(String communityCode, UUID residentId, boolean all) {
        Resident resident = scope.visibleResident(communityCode, residentId);
        return find("parentId = :subject", Parameters.with("subject", resident.id), all);
    }

    /** The community's links, optionally of one member: community workers and the district's officers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FamilyLink> ofCommunity(String communityCode, UUID memberId, boolean all) {
        scope.readableCommunity(communityCode);
        if (scope.gridRestriction().isPresent()) {
            throw new NotFoundProblem("No family links of community " + communityCode + " in your scope");
        }
        return memberId == null ? find("communityId = :community", Parameters.with("community", communityCode), all)
                : find("communityId = :community and memberId = :member",
                        Parameters.with("community", communityCode).and("member", memberId), all);
    }

    /** The caller's own links as a family member, wherever their parents live. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FamilyLink> mine(boolean all) {
        UUID member = scope.familyMember().orElseThrow(() -> new NotFoundProblem("No family links for this account"));
        return find("memberId = :member", Parameters.with("member", member), all);
    }

    /** The caller's link to this resident that allows this purpose today, when they signed in as family. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<FamilyLink> callersLink(UUID parentId, FamilyPurpose purpose) {
        LocalDate today = LocalDate.now(clock);
        Optional<UUID> member = scope.familyMember();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        return FamilyLink.<FamilyLink>find("parentId = ?1 and memberId = ?2 and status = ?3", parentId, member.get(),
                FamilyLinkStatus.ACTIVE).<FamilyLink>firstResultOptional().filter(link -> link.allows(purpose, today));
    }

    /**
     * The caller's CARE_ALERTS link that covers this alert: a link to the resident it is about, or for a household's
     * alarm, to any resident of that household.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<FamilyLink> callersLinkCovering(CareAlert alert) {
        LocalDate today = LocalDate.now(clock);
        Optional<UUID> member = scope.familyMember();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        return FamilyLink.covering(member.get(), alert, today);
    }

    /** The names of the links' residents, for the people allowed to list the links. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, String> parentNames(List<FamilyLink> links) {
        Set<UUID> ids = links.stream().map(link -> link.parentId).collect(Collectors.toSet());
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            Resident.<Resident>list("id in ?1", ids).forEach(r -> names.put(r.id, r.name));
        }
        return names;
    }

    /** The day the links' statuses are read on (the community's calendar day). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private void end(FamilyLink link) {
        link.status = FamilyLinkStatus.REVOKED;
        link.revokedBy = scope.actor() == null ? "system" : scope.actor();
        link.revokedAt = OffsetDateTime.now(clock);
        audit.record(caller.acting(), "REVOKE_FAMILY_LINK", link.communityId, "resident", link.parentId,
                purposeNames(link));
        outbox.publish(FamilyLinkEvents.revoked(link));
    }

    private List<FamilyLink> find(String where, Parameters params, boolean all) {
        String query = all ? where
                : where + " and status = :active and (validUntil is null or validUntil >= :today)";
        Parameters parameters = all ? params
                : params.and("active", FamilyLinkStatus.ACTIVE).and("today", LocalDate.now(clock));
        return FamilyLink.list(query, Sort.by("grantedAt").and("id"), parameters);
    }

    private Optional<Consent> consentInForce(UUID residentId, LocalDate today) {
        return Consent.<Consent>list("residentId = ?1 and purpose = ?2 and withdrawnAt is null", residentId,
                ConsentPurpose.FAMILY_ACCESS).stream().filter(c -> c.inForceOn(today))
                .max(Comparator.comparing((Consent c) -> c.validUntil, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    private static String[] purposeNames(FamilyLink link) {
        return link.purposes().stream().map(Enum::name).toArray(String[]::new);
    }

    private static NotFoundProblem notFound(UUID linkId) {
        return new NotFoundProblem("No family link " + linkId + " in your scope");
    }
}
