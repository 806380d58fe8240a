package org.linli.points.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.Redemption;
import org.linli.points.domain.RedemptionStatus;
import org.linli.points.domain.Reward;
import org.linli.points.domain.Volunteer;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Accounts;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.LedgerAccount;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.Posting;
import org.linli.points.ledger.PostingRequest;
import org.linli.points.ledger.Unit;

/**
 * Spending points on a reward. Reserving debits the wallet and takes an item in one transaction, with the
 * reward's row locked: however many volunteers race for the last items, each item goes once, stock never goes
 * below zero and no wallet below zero. The item is then handed over at the exchange counter, or the reservation
 * is cancelled and the points and the item go back (a reversing posting).
 */
@ApplicationScoped
@Transactional
public class Redemptions {

    private final PointsScope scope;
    private final Volunteers volunteers;
    private final Ledger ledger;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    Redemptions(PointsScope scope, Volunteers volunteers, Ledger ledger, Outbox outbox, EntityManager em, Clock clock) {
        this.scope = scope;
        this.volunteers = volunteers;
        this.ledger = ledger;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    public Redemption reserve(String communityId, UUID rewardId, UUID requestedVolunteer) {
        UUID volunteerId = scope.actingVolunteer(communityId, requestedVolunteer);
        Volunteer volunteer = volunteers.enrolled(communityId, volunteerId);
        Reward reward = Reward.<Reward>findByIdOptional(rewardId, LockModeType.PESSIMISTIC_WRITE)
                .filter(r -> r.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No reward " + rewardId + " in community " + communityId));
        if (!reward.activeOn(LocalDate.now(clock))) {
            throw new ConflictProblem(reward.name + " is not offered today");
        }
        if (reward.stock <= 0) {
            throw new ConflictProblem(reward.name + " is out of stock");
        }
        if (reward.perVolunteerLimit != null) {
            long held = Redemption.count("rewardId = ?1 and volunteerId = ?2 and status <> ?3", rewardId, volunteerId,
                    RedemptionStatus.CANCELLED);
            if (held >= reward.perVolunteerLimit) {
                throw new ConflictProblem("Volunteer " + volunteerId + " already has " + held + " of " + reward.name
                        + " (the limit is " + reward.perVolunteerLimit + ")");
            }
        }
        Redemption redemption = new Redemption();
        redemption.id = UUID.randomUUID();
        Accounts accounts = ledger.accounts(communityId, volunteerId);
        LedgerAccount wallet = accounts.get(AccountKind.WALLET);
        Posted posted = ledger.post(PostingRequest.redemption(accounts, redemption.id, reward.pointsPrice, scope.actor()));
        reward.stock -= 1;

        redemption.communityId = communityId;
        redemption.rewardId = rewardId;
        redemption.volunteerId = volunteerId;
        redemption.points = reward.pointsPrice;
        redemption.status = RedemptionStatus.RESERVED;
        redemption.reservedAt = OffsetDateTime.now(clock);
        redemption.reservedBy = scope.actor();
        redemption.postingId = posted.posting().id;
        redemption.persist();
        outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_REDEEMED, communityId, volunteerId,
                new PointsEvents.PointsRedeemed(posted.posting().id, redemption.id, rewardId, reward.sponsorId, communityId,
                        volunteer.districtId, volunteerId, reward.pointsPrice, posted.balanceAfter(wallet.id),
                        redemption.reservedAt)));
        return redemption;
    }

    /** Handed over at the exchange counter (by a community worker, or the sponsoring partner's staff). */
    public Redemption handOver(String communityId, UUID redemptionId) {
        Redemption redemption = locked(communityId, redemptionId);
        Reward reward = Reward.findById(redemption.rewardId);
        boolean sponsor = scope.is(org.linli.platform.security.Roles.PARTNER) && reward.sponsorId != null
                && reward.sponsorId.equals(scope.actor());
        if (!scope.manages(communityId) && !sponsor) {
            throw new ForbiddenProblem("Items are handed over by the community's workers or the sponsoring partner");
        }
        if (redemption.status == RedemptionStatus.HANDED_OVER) {
            return redemption;
        }
        if (redemption.status == RedemptionStatus.CANCELLED) {
            throw new ConflictProblem("Redemption " + redemptionId + " was cancelled");
        }
        redemption.status = RedemptionStatus.HANDED_OVER;
        redemption.closedAt = OffsetDateTime.now(clock);
        redemption.closedBy = scope.actor();
        outbox.publish(PointsEvents.wallet(PointsEvents.REDEMPTION_HANDED_OVER, communityId, redemption.volunteerId,
                new PointsEvents.RedemptionHandedOver(redemption.id, reward.id, reward.sponsorId, communityId,
                        redemption.volunteerId, redemption.points, redemption.closedAt)));
        return redemption;
    }

    /** Cancels a reservation: the points go back to the wallet and the item to the stock. */
    public Redemption cancel(String communityId, UUID redemptionId, String reason) {
        Redemption redemption = locked(communityId, redemptionId);
        boolean self = scope.selfVolunteer(communityId).filter(redemption.volunteerId::equals).isPresent();
        if (!self && !scope.manages(communityId)) {
            throw new ForbiddenProblem("A reservation is cancelled by its volunteer or a community worker");
        }
        if (redemption.status == RedemptionStatus.CANCELLED) {
            return redemption;
        }
        if (redemption.status == RedemptionStatus.HANDED_OVER) {
            throw new ConflictProblem("Redemption " + redemptionId + " was handed over; it cannot be cancelled");
        }
        Reward reward = Reward.findById(redemption.rewardId, LockModeType.PESSIMISTIC_WRITE);
        Posting original = Posting.findById(redemption.postingId);
        Posted reversal = ledger.reverse(original, reason == null ? "reservation cancelled" : reason.strip(), scope.actor());
        reward.stock += 1;
        redemption.status = RedemptionStatus.CANCELLED;
        redemption.closedAt = OffsetDateTime.now(clock);
        redemption.closedBy = scope.actor();
        redemption.cancelReason = reason;
        redemption.reversalPostingId = reversal.posting().id;
        Volunteer volunteer = Volunteer.findById(redemption.volunteerId);
        LedgerAccount wallet = ledger.wallet(communityId, redemption.volunteerId, AccountKind.WALLET, Unit.POINTS);
        outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_REVERSED, communityId, redemption.volunteerId,
                new PointsEvents.PointsReversed(reversal.posting().id, original.id, "REDEMPTION", "REDEMPTION_CANCELLED",
                        communityId, volunteer == null ? null : volunteer.districtId, redemption.volunteerId,
                        reversal.amountFor(wallet.id), 0, 0, reversal.balanceAfter(wallet.id), redemption.closedAt)));
        return redemption;
    }

    public Redemption visible(String communityId, UUID redemptionId) {
        return Redemption.<Redemption>findByIdOptional(redemptionId)
                .filter(r -> r.communityId.equals(communityId) && (scope.readsCommunity(communityId) || scope.manages(communityId)
                        || scope.selfVolunteer(communityId).filter(r.volunteerId::equals).isPresent()))
                .orElseThrow(() -> new NotFoundProblem("No redemption " + redemptionId + " in your scope"));
    }

    public List<Redemption> list(String communityId, UUID volunteerId, RedemptionStatus status, int page, int size) {
        Optional<UUID> self = scope.selfVolunteer(communityId);
        UUID only = volunteerId;
        if (!scope.readsCommunity(communityId) && !scope.manages(communityId)) {
            if (self.isEmpty() || (volunteerId != null && !volunteerId.equals(self.get()))) {
                throw new NotFoundProblem("No redemptions in your scope");
            }
            only = self.get();
        }
        StringBuilder query = new StringBuilder("communityId = ?1");
        List<Object> params = new java.util.ArrayList<>(List.of(communityId));
        if (only != null) {
            params.add(only);
            query.append(" and volunteerId = ?").append(params.size());
        }
        if (status != null) {
            params.add(status);
            query.append(" and status = ?").append(params.size());
        }
        return Redemption.<Redemption>find(query + " order by reservedAt desc", params.toArray()).page(page, size).list();
    }

    /** Redemptions of a reward the calling partner sponsors. */
    public List<Redemption> ofSponsoredReward(Reward reward) {
        return Redemption.list("rewardId = ?1 order by reservedAt desc", reward.id);
    }

    private Redemption locked(String communityId, UUID redemptionId) {
        Redemption redemption = Redemption.<Redemption>findByIdOptional(redemptionId)
                .filter(r -> r.communityId.equals(communityId) && hasStanding(r))
                .orElseThrow(() -> new NotFoundProblem("No redemption " + redemptionId + " in your scope"));
        em.refresh(redemption, LockModeType.PESSIMISTIC_WRITE);
        return redemption;
    }

    /** Who may see this redemption at all: the community's people, its volunteer, the reward's sponsor. */
    private boolean hasStanding(Redemption r) {
        if (scope.manages(r.communityId) || scope.readsCommunity(r.communityId)
                || scope.selfVolunteer(r.communityId).filter(r.volunteerId::equals).isPresent()) {
            return true;
        }
        if (!scope.is(org.linli.platform.security.Roles.PARTNER)) {
            return false;
        }
        Reward reward = Reward.findById(r.rewardId);
        return reward != null && reward.sponsorId != null && reward.sponsorId.equals(scope.actor());
    }

}
