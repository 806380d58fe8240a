package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.points.domain.Member;
import org.linli.points.ledger.Ledger;

/**
 * The residents of each community as the moral bank needs to know them — who may be helped, in which grid —
 * learnt from resident events only. A member who moves out stays (their services stay in the figures); their
 * wallets freeze, so nothing more is credited to or spent from them.
 */
@ApplicationScoped
@Transactional
public class Members {

    private final Ledger ledger;
    private final Caller caller;
    private final Clock clock;

    Members(Ledger ledger, Caller caller, Clock clock) {
        this.ledger = ledger;
        this.caller = caller;
        this.clock = clock;
    }

    /** What a resident event says of a resident (flags only: never a name, a phone or an ID number). */
    public record Facts(UUID residentId, String communityId, String districtId, UUID gridId, boolean aged60Plus,
            boolean housebound, boolean livesAlone) {
    }

    /** A resident registered or updated, as of {@code asOf} (null: now). */
    public void learn(Facts facts, OffsetDateTime asOf) {
        Member member = Member.<Member>findByIdOptional(facts.residentId()).orElseGet(() -> {
            Member fresh = new Member();
            fresh.residentId = facts.residentId();
            return fresh;
        });
        member.communityId = facts.communityId();
        member.districtId = facts.districtId();
        member.gridId = facts.gridId();
        member.aged60Plus = facts.aged60Plus();
        member.housebound = facts.housebound();
        member.livesAlone = facts.livesAlone();
        member.updatedAt = asOf != null ? asOf : OffsetDateTime.now(clock);
        member.persist();
    }

    /** The resident moved out: the member is marked so, and their wallets (if they volunteered) freeze. */
    public void moveOut(UUID residentId) {
        Member.<Member>findByIdOptional(residentId).ifPresent(member -> {
            member.movedOut = true;
            member.updatedAt = OffsetDateTime.now(clock);
        });
        ledger.freeze(residentId, true);
    }

    /** A member as those who read the community see them. */
    public Member visible(String communityId, UUID residentId) {
        return Member.<Member>findByIdOptional(residentId)
                .filter(m -> m.communityId.equals(communityId) && caller.mayRead(m.communityId, null))
                .orElseThrow(() -> new NotFoundProblem("No member " + residentId + " in your scope"));
    }
}
