package org.linli.points.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.points.domain.CommunityPolicy;
import org.linli.points.domain.Member;
import org.linli.points.domain.Volunteer;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Accounts;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.PostingRequest;

import io.quarkus.logging.Log;

/**
 * A volunteer who delivered a canteen meal earns the community's delivery points: once per order, however often
 * the event arrives and whatever its event id (the posting's reference is the order).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeliveryCredits {

    private final Ledger ledger;
    private final Awards awards;

    DeliveryCredits(Ledger ledger, Awards awards) {
        this.ledger = ledger;
        this.awards = awards;
    }

    /** Returns whether points were credited (false: already credited, no points set, or the wallet is frozen). */
    public boolean credit(String communityId, UUID orderId, UUID volunteerId, OffsetDateTime deliveredAt) {
        if (ledger.isPosted(communityId, PostingRequest.deliveryReference(orderId))) {
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
        if (points == 0 || accounts.get(AccountKind.WALLET).frozen) {
            Log.infof("Delivery of order %s not credited (%s)", orderId, points == 0 ? "no delivery points" : "wallet frozen");
            return false;
        }
        awards.forDelivery(accounts, orderId, points, volunteer != null ? volunteer.districtId : member.districtId,
                deliveredAt);
        return true;
    }
}
