package org.linli.points.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.points.domain.ServiceLog;

/**
 * Everything points-service publishes, on {@value #TOPIC}: service events keyed by service id, ledger events
 * keyed by volunteer id (one wallet's movements stay in order), class events keyed by volunteer id. Ids, codes
 * and numbers only; never a note, a reason or a name.
 */
public final class PointsEvents {

    public static final String TOPIC = "linli.points.events";

    public static final String SERVICE_LOGGED = "service.logged.v1";
    public static final String SERVICE_CONFIRMED = "service.confirmed.v1";
    public static final String SERVICE_REJECTED = "service.rejected.v1";
    public static final String POINTS_AWARDED = "points.awarded.v1";
    public static final String POINTS_REDEEMED = "points.redeemed.v1";
    public static final String POINTS_REVERSED = "points.reversed.v1";
    public static final String REDEMPTION_HANDED_OVER = "redemption.handed-over.v1";
    public static final String CLASS_CREDITS_BOUGHT = "class.credits-bought.v1";
    public static final String CLASS_BOOKED = "class.booked.v1";
    public static final String CLASS_BOOKING_CANCELLED = "class.booking-cancelled.v1";

    private PointsEvents() {
    }

    public record ServiceChanged(UUID serviceId, String communityId, String districtId, UUID volunteerId,
            UUID beneficiaryId, UUID activityId, String typeCode, int minutes, OffsetDateTime performedAt, String status,
            String decidedAs, OffsetDateTime decidedAt, Integer points) {
    }

    public static OutgoingEvent service(String type, ServiceLog s) {
        return new OutgoingEvent(TOPIC, type, s.id.toString(), "services/" + s.id, s.communityId,
                new ServiceChanged(s.id, s.communityId, s.districtId, s.volunteerId, s.beneficiaryId, s.activityId, s.typeCode,
                        s.minutes, s.performedAt, s.status.name(), s.decidedAs, s.decidedAt, s.pointsAwarded));
    }

    /** Points (and service minutes) credited to a volunteer: for a service, or for a meal delivery. */
    public record PointsAwarded(UUID postingId, String communityId, String districtId, UUID volunteerId, String source,
            UUID serviceId, UUID orderId, long points, long minutes, long balanceAfter, OffsetDateTime awardedAt) {
    }

    public record PointsRedeemed(UUID postingId, UUID redemptionId, UUID rewardId, String sponsorId, String communityId,
            String districtId, UUID volunteerId, long points, long balanceAfter, OffsetDateTime redeemedAt) {
    }

    /**
     * A reversing posting: {@code reversedSource} says what it undoes (SERVICE, DELIVERY, REDEMPTION,
     * CLASS_CREDITS_BOUGHT, CLASS_BOOKING), {@code points} is the change to the volunteer's points wallet (negative
     * when an award is taken back, positive when a redemption is cancelled), {@code minutes} and {@code classCredits}
     * likewise.
     */
    public record PointsReversed(UUID postingId, UUID reversesPostingId, String reversedSource, String cause,
            String communityId, String districtId, UUID volunteerId, long points, long minutes, long classCredits,
            long balanceAfter, OffsetDateTime reversedAt) {
    }

    public record RedemptionHandedOver(UUID redemptionId, UUID rewardId, String sponsorId, String communityId,
            UUID volunteerId, long points, OffsetDateTime handedOverAt) {
    }

    public record ClassCreditsBought(UUID postingId, String communityId, String districtId, UUID volunteerId,
            long minutes, long credits, OffsetDateTime boughtAt) {
    }

    public record ClassBooking(UUID bookingId, UUID sessionId, UUID courseId, String communityId, String districtId,
            UUID volunteerId, long credits, OffsetDateTime startsAt, OffsetDateTime at) {
    }

    public static OutgoingEvent wallet(String type, String communityId, UUID volunteerId, Object data) {
        return new OutgoingEvent(TOPIC, type, volunteerId.toString(), "volunteers/" + volunteerId, communityId, data);
    }
}
