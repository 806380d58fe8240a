package org.linli.points.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.points.domain.ServiceLog;
import org.linli.points.domain.ServiceStatus;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Accounts;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.PostingRequest;

/**
 * The one place a volunteer is credited: points (and, for a service, its minutes) posted out of the community's
 * issuing accounts into the volunteer's wallets, and points.awarded.v1 published in the same transaction. Two
 * things earn points — a confirmed service and a delivered meal — and each is credited at most once: the
 * posting's reference is the service or the order.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Awards {

    private final Ledger ledger;
    private final Outbox outbox;

    Awards(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * Credits a service just confirmed: its {@link ServiceLog#pointsAwarded} (none when a cap left nothing) and its
     * minutes, posted by whoever confirmed it, as of {@link ServiceLog#decidedAt}.
     */
    public Posted forService(ServiceLog service) {
        if (service.status != ServiceStatus.CONFIRMED || service.pointsAwarded == null) {
            throw new IllegalStateException("service " + service.id + " is credited once confirmed with its points");
        }
        Accounts volunteer = ledger.accounts(service.communityId, service.volunteerId);
        Posted posted = ledger.post(PostingRequest.serviceAward(volunteer, service.id, service.pointsAwarded,
                service.minutes, service.decidedBy));
        outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_AWARDED, service.communityId, service.volunteerId,
                new PointsEvents.PointsAwarded(posted.posting().id, service.communityId, service.districtId,
                        service.volunteerId, "SERVICE", service.id, null, service.pointsAwarded, service.minutes,
                        pointsAfter(volunteer, posted), service.decidedAt)));
        return posted;
    }

    /** Credits {@code points} (more than none) for a delivered order to the volunteer whose wallets these are. */
    public Posted forDelivery(Accounts volunteer, UUID orderId, int points, String districtId,
            OffsetDateTime deliveredAt) {
        Posted posted = ledger.post(PostingRequest.deliveryAward(volunteer, orderId, points));
        outbox.publish(PointsEvents.wallet(PointsEvents.POINTS_AWARDED, volunteer.communityId(), volunteer.volunteerId(),
                new PointsEvents.PointsAwarded(posted.posting().id, volunteer.communityId(), districtId,
                        volunteer.volunteerId(), "DELIVERY", null, orderId, points, 0, pointsAfter(volunteer, posted),
                        deliveredAt)));
        return posted;
    }

    /** The points wallet's balance after the posting (read from the account when the posting moved no points). */
    private long pointsAfter(Accounts volunteer, Posted posted) {
        UUID wallet = volunteer.get(AccountKind.WALLET).id;
        return posted.amountFor(wallet) != 0 ? posted.balanceAfter(wallet) : ledger.balance(wallet);
    }
}
