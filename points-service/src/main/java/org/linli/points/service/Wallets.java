package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.Volunteer;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.LedgerAccount;
import org.linli.points.ledger.LedgerEntry;
import org.linli.points.ledger.LedgerVerification;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.Posting;
import org.linli.points.ledger.PostingKind;
import org.linli.points.ledger.Unit;

/** A volunteer's wallets and statement, a community's postings, corrections by reversal, and the ledger proof. */
@ApplicationScoped
@Transactional
public class Wallets {

    private final PointsScope scope;
    private final Ledger ledger;
    private final LedgerVerification verification;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    Wallets(PointsScope scope, Ledger ledger, LedgerVerification verification, Outbox outbox, EntityManager em, Clock clock) {
        this.scope = scope;
        this.ledger = ledger;
        this.verification = verification;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    public record Balances(UUID volunteerId, String communityId, long points, long minutes, long classCredits, boolean frozen) {
    }

    public Balances balances(String communityId, UUID volunteerId) {
        scope.requireVolunteerReader(communityId, volunteerId);
        List<LedgerAccount> accounts = LedgerAccount.list("ownerId = ?1 and communityId = ?2", volunteerId, communityId);
        if (accounts.isEmpty() && Volunteer.<Volunteer>findByIdOptional(volunteerId)
                .filter(v -> v.communityId.equals(communityId)).isEmpty()) {
            throw new NotFoundProblem("No volunteer " + volunteerId + " in your scope");
        }
        long points = 0;
        long minutes = 0;
        long credits = 0;
        boolean frozen = false;
        for (LedgerAccount account : accounts) {
            switch (account.kind) {
                case WALLET -> points = account.balance;
                case TIME_WALLET -> minutes = account.balance;
                case CLASS_WALLET -> credits = account.balance;
                default -> {
                }
            }
            frozen |= account.frozen;
        }
        return new Balances(volunteerId, communityId, points, minutes, credits, frozen);
    }

    /** A wallet's entries, newest first, each with the balance right after it. */
    public List<StatementLine> statement(String communityId, UUID volunteerId, Unit unit, int page, int size) {
        scope.requireVolunteerReader(communityId, volunteerId);
        AccountKind kind = switch (unit) {
            case POINTS -> AccountKind.WALLET;
            case MINUTES -> AccountKind.TIME_WALLET;
            case CLASS_CREDITS -> AccountKind.CLASS_WALLET;
        };
        return em.createQuery("""
                select new org.linli.points.service.StatementLine(e.id, p.id, p.seq, p.kind, p.reference, p.reason,
                       p.createdAt, e.amount, e.balanceAfter)
                from LedgerEntry e, Posting p, LedgerAccount a
                where p.id = e.postingId and a.id = e.accountId and a.ownerId = ?1 and a.communityId = ?2 and a.kind = ?3
                order by e.id desc""", StatementLine.class).setParameter(1, volunteerId).setParameter(2, communityId)
                .setParameter(3, kind).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public Posting posting(String communityId, UUID postingId) {
        scope.requireReader(communityId);
        return Posting.<Posting>findByIdOptional(postingId).filter(p -> p.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No posting " + postingId + " in community " + communityId));
    }

    public List<LedgerEntry> entries(UUID postingId) {
        return ledger.entries(postingId);
    }

    public List<Posting> postings(String communityId, long afterSeq, int size) {
        scope.requireReader(communityId);
        return Posting.<Posting>find("communityId = ?1 and seq > ?2 order by seq", communityId, afterSeq).page(0, size).list();
    }

    /**
     * A community worker corrects a wrong award (a service credited by mistake, a delivery credited to the wrong
     * volunteer) with a reversing posting that says why. Refused if the points were already spent.
     */
    public Posted correct(String communityId, UUID postingId, String reason) {
        if (!scope.isCommunityWorker(communityId)) {
            scope.requireReader(communityId);
            throw new org.linli.platform.problem.ForbiddenProblem("Only a community worker corrects the ledger");
        }
        Posting original = posting(communityId, postingId);
        if (original.kind != PostingKind.SERVICE_AWARD && original.kind != PostingKind.DELIVERY_AWARD) {
            throw new ConflictProblem("Only awards are corrected here; cancel the redemption or booking instead");
        }
        Posted reversal = ledger.reverse(original, reason.strip(), scope.actor());
        if (original.kind == PostingKind.SERVICE_AWARD) { // the service no longer counts: not for caps, not in reports
            org.linli.points.domain.ServiceLog.<org.linli.points.domain.ServiceLog>find("postingId", original.id)
                    .firstResultOptional().ifPresent(s -> s.status = org.linli.points.domain.ServiceStatus.REVERSED);
        }
        UUID volunteerId = null;
        long points = 0;
        long minutes = 0;
        long pointsBalance = 0;
        for (LedgerEntry entry : reversal.entries()) {
            LedgerAccount account = LedgerAccount.findById(entry.accountId);
            if (account.ownerId != null) {
                volunteerId = account.ownerId;
            }
            if (account.kind == AccountKind.WALLET) {
                points = entry.amount;
                pointsBalance = entry.balanceAfter;
            } else if (account.kind == AccountKind.TIME_WALLET) {
                minutes = entry.amount;
            }
        }
        if (volunteerId != null) {
            if (points == 0) {
                pointsBalance = ledger.balance(ledger.wallet(communityId, volunteerId, AccountKind.WALLET, Unit.POINTS).id);
            }
            String district = Volunteer.<Volunteer>findByIdOptional(volunteerId).map(v -> v.districtId).orElse(null);
            outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_REVERSED, communityId, volunteerId,
                    new PointsEvents.PointsReversed(reversal.posting().id, original.id,
                            original.kind == PostingKind.SERVICE_AWARD ? "SERVICE" : "DELIVERY", "CORRECTION", communityId,
                            district, volunteerId, points, minutes, 0, pointsBalance, OffsetDateTime.now(clock))));
        }
        return reversal;
    }

    public LedgerVerification.Report verify(String communityId) {
        scope.requireReader(communityId);
        return verification.verify(communityId);
    }
}
