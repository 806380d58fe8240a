package org.linli.canteen.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.canteen.domain.FamilyLink;

/**
 * The family links the canteen knows, learnt from resident-service's events: a family member with a MEALS link in
 * force orders, cancels and pauses meals and reads the meal account for their parent, and reads the published menu of
 * the parent's community. Learning is idempotent and a
 * revocation final: a repeated or late grant never undoes a revocation, and a revocation that arrives first is kept.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FamilyLinks {

    private final Clock clock;

    FamilyLinks(Clock clock) {
        this.clock = clock;
    }

    /** What a family-link event says (ids, purposes and validity). */
    public record LinkFacts(UUID linkId, String communityId, UUID parentId, UUID memberId, List<String> purposes,
            LocalDate validUntil) {
    }

    /** A link was granted: it holds from now on, unless it is known revoked. Called in the consumer's inbox transaction. */
    public void granted(LinkFacts facts) {
        if (FamilyLink.findById(facts.linkId()) != null) {
            return; // known already, or revoked already: a grant never changes a known link
        }
        FamilyLink link = learnt(facts);
        link.purposes = facts.purposes() == null ? "" : String.join(",", facts.purposes());
        link.validUntil = facts.validUntil();
        link.status = FamilyLink.ACTIVE;
        link.persist();
    }

    /** A link was revoked: for good, also when its grant has not arrived (yet). */
    public void revoked(LinkFacts facts) {
        FamilyLink link = FamilyLink.findById(facts.linkId());
        if (link == null) {
            link = learnt(facts);
            link.persist();
        }
        link.status = FamilyLink.REVOKED;
        link.updatedAt = OffsetDateTime.now(clock);
    }

    /** Whether this member holds a MEALS link in force today to this parent in this community. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean mayOrderFor(UUID memberId, UUID parentId, String communityId) {
        LocalDate today = LocalDate.now(clock);
        return FamilyLink.<FamilyLink>list("memberId = ?1 and parentId = ?2 and status = ?3", memberId, parentId,
                FamilyLink.ACTIVE).stream().anyMatch(link -> link.allows(communityId, FamilyLink.MEALS, today));
    }

    /**
     * Whether this member holds a MEALS link in force today to a parent who dines in this community (a diner there who
     * has not moved out).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasDinerIn(UUID memberId, String communityId) {
        LocalDate today = LocalDate.now(clock);
        return FamilyLink.<FamilyLink>list("memberId = ?1 and communityId = ?2 and status = ?3", memberId, communityId,
                FamilyLink.ACTIVE).stream()
                .filter(link -> link.allows(communityId, FamilyLink.MEALS, today))
                .anyMatch(link -> Diner.count("residentId = ?1 and communityId = ?2 and status <> ?3", link.parentId,
                        communityId, DinerStatus.MOVED_OUT) > 0);
    }

    private FamilyLink learnt(LinkFacts facts) {
        FamilyLink link = new FamilyLink();
        link.linkId = facts.linkId();
        link.communityId = facts.communityId();
        link.parentId = facts.parentId();
        link.memberId = facts.memberId();
        link.status = FamilyLink.REVOKED;
        link.updatedAt = OffsetDateTime.now(clock);
        return link;
    }
}
