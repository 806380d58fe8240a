package org.linli.points.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.points.domain.CommunityPolicy;
import org.linli.points.domain.Volunteer;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Accounts;
import org.linli.points.ledger.Leg;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.LedgerAccount;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.PostingKind;
import org.linli.points.ledger.Unit;
import org.linli.points.members.Member;

import io.quarkus.logging.Log;

/**
 * A volunteer who delivered a canteen meal earns the community's delivery points: once per order, however often
 * the event arrives and whatever its event id (the posting's reference is the order).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeliveryCredits {

    private final Ledger ledger;
    private final Outbox outbox;

    DeliveryCredits(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /** Returns whether points were credited (false: already credited, no points set, or the wallet is frozen). */
    public boolean credit(String communityId, UUID orderId, UUID volunteerId, OffsetDateTime deliveredAt) {
        String reference = "delivery:" + orderId;
        if (ledger.isPosted(communityId, reference)) {
            return false;
        }
        Member member = Member.findById(volunteerId);
        Volunteer volunteer = Volunteer.findById(volunteerId);
        String memberCommunity = volunteer != null ? volunteer.communityId : member != null ? member.communityId : null;
        if (memberCommunity == null) {
            // resident-service has not told us of this volunteer yet: fail, so the record is retried, then parked in
            // the dead-letter topic for replay, rather than losing the credit
            throw new IllegalStateException("delivery of order " + orderId + " by unknown volunteer " + volunteerId);
        }
        if (!memberCommunity.equals(communityId)) {
            Log.warnf("Delivery of order %s by volunteer %s of another community: not credited", orderId, volunteerId);
            return false;
        }
        int points = CommunityPolicy.of(communityId).deliveryPoints;
        Accounts accounts = ledger.accounts(communityId, volunteerId);
        LedgerAccount wallet = accounts.get(AccountKind.WALLET);
        if (points == 0 || wallet.frozen) {
            Log.infof("Delivery of order %s not credited (%s)", orderId, points == 0 ? "no delivery points" : "wallet frozen");
            return false;
        }
        Posted posted = ledger.post(communityId, PostingKind.DELIVERY_AWARD, reference, null, null, "canteen-service",
                List.of(Leg.out(accounts.get(AccountKind.ISSUING), points), Leg.in(wallet, points)));
        String district = volunteer != null ? volunteer.districtId : member.districtId;
        outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_AWARDED, communityId, volunteerId,
                new PointsEvents.PointsAwarded(posted.posting().id, communityId, district, volunteerId, "DELIVERY", null,
                        orderId, points, 0, posted.balanceAfter(wallet.id), deliveredAt)));
        return true;
    }
}
