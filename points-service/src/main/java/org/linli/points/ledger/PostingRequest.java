package org.linli.points.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What is to be posted: one of the ledger's kinds of movement, made only by its named factory so that each kind
 * always moves the same accounts, under the same reference, and says who asked. The reference is what makes a
 * posting happen at most once: {@code service:<id>}, {@code delivery:<orderId>}, {@code redemption:<id>},
 * {@code class-booking:<id>}, {@code class-credits:<random>}, {@code reversal:<postingId>}.
 *
 * <p>Amounts are positive (a capped service award may carry no points); the factory decides which side of each leg
 * they land on. The legs balance per unit by construction; {@link Ledger#post} checks it again.
 */
public final class PostingRequest {

    /** Who posts a delivery award: the canteen's event, not a person. */
    public static final String CANTEEN = "canteen-service";

    private final PostingKind kind;
    private final String communityId;
    private final String reference;
    private final UUID reverses;
    private final String reason;
    private final String actor;
    private final List<Leg> legs;

    private PostingRequest(PostingKind kind, String communityId, String reference, UUID reverses, String reason,
            String actor, List<Leg> legs) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a posting says who asked for it");
        }
        this.kind = kind;
        this.communityId = communityId;
        this.reference = reference;
        this.reverses = reverses;
        this.reason = reason;
        this.actor = actor;
        this.legs = List.copyOf(legs);
    }

    /**
     * A confirmed service: {@code points} from the issuing account into the volunteer's wallet (none when a cap
     * left nothing) and {@code minutes} into their time wallet.
     */
    public static PostingRequest serviceAward(Accounts volunteer, UUID serviceId, long points, long minutes, String actor) {
        positive("minutes", minutes);
        if (points < 0) {
            throw new IllegalArgumentException("an award of " + points + " points");
        }
        List<Leg> legs = new ArrayList<>();
        if (points > 0) {
            legs.add(Leg.out(volunteer.get(AccountKind.ISSUING), points));
            legs.add(Leg.in(volunteer.get(AccountKind.WALLET), points));
        }
        legs.add(Leg.out(volunteer.get(AccountKind.TIME_ISSUING), minutes));
        legs.add(Leg.in(volunteer.get(AccountKind.TIME_WALLET), minutes));
        return new PostingRequest(PostingKind.SERVICE_AWARD, volunteer.communityId(), serviceReference(serviceId), null,
                null, actor, legs);
    }

    /** A delivered meal: {@code points} from the issuing account into the volunteer's wallet, posted by the canteen. */
    public static PostingRequest deliveryAward(Accounts volunteer, UUID orderId, long points) {
        positive("points", points);
        return new PostingRequest(PostingKind.DELIVERY_AWARD, volunteer.communityId(), deliveryReference(orderId), null,
                null, CANTEEN, List.of(Leg.out(volunteer.get(AccountKind.ISSUING), points),
                        Leg.in(volunteer.get(AccountKind.WALLET), points)));
    }

    /** A reward reserved: {@code points} out of the volunteer's wallet into the redemption account. */
    public static PostingRequest redemption(Accounts volunteer, UUID redemptionId, long points, String actor) {
        positive("points", points);
        return new PostingRequest(PostingKind.REDEMPTION, volunteer.communityId(), "redemption:" + redemptionId, null,
                null, actor, List.of(Leg.out(volunteer.get(AccountKind.WALLET), points),
                        Leg.in(volunteer.get(AccountKind.REDEMPTION), points)));
    }

    /** Service minutes turned into class credits: {@code minutes} spent from the time wallet, {@code credits} issued. */
    public static PostingRequest classCredits(Accounts volunteer, long minutes, long credits, String actor) {
        positive("minutes", minutes);
        positive("credits", credits);
        return new PostingRequest(PostingKind.CLASS_CREDITS_BOUGHT, volunteer.communityId(),
                "class-credits:" + UUID.randomUUID(), null, null, actor,
                List.of(Leg.out(volunteer.get(AccountKind.TIME_WALLET), minutes),
                        Leg.in(volunteer.get(AccountKind.TIME_SPENT), minutes),
                        Leg.out(volunteer.get(AccountKind.CLASS_ISSUING), credits),
                        Leg.in(volunteer.get(AccountKind.CLASS_WALLET), credits)));
    }

    /** A seat booked: one class credit out of the volunteer's class wallet. */
    public static PostingRequest classBooking(Accounts volunteer, UUID bookingId, String actor) {
        return new PostingRequest(PostingKind.CLASS_BOOKING, volunteer.communityId(), "class-booking:" + bookingId, null,
                null, actor, List.of(Leg.out(volunteer.get(AccountKind.CLASS_WALLET), 1),
                        Leg.in(volunteer.get(AccountKind.CLASS_SPENT), 1)));
    }

    /** The exact opposite of {@code original}'s entries, with why; only {@link Ledger#reverse} makes one. */
    static PostingRequest reversal(Posting original, List<LedgerEntry> entries, String reason, String actor) {
        List<Leg> legs = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            legs.add(new Leg(LedgerAccount.findById(entry.accountId), -entry.amount));
        }
        return new PostingRequest(PostingKind.REVERSAL, original.communityId, reversalReference(original.id),
                original.id, reason, actor, legs);
    }

    /** The reference of a confirmed service's award. */
    public static String serviceReference(UUID serviceId) {
        return "service:" + serviceId;
    }

    /** The reference of a delivered order's award: an order is credited once, whatever the event id. */
    public static String deliveryReference(UUID orderId) {
        return "delivery:" + orderId;
    }

    static String reversalReference(UUID postingId) {
        return "reversal:" + postingId;
    }

    private static void positive(String what, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException(what + " moved must be more than none: " + amount);
        }
    }

    public PostingKind kind() {
        return kind;
    }

    public String communityId() {
        return communityId;
    }

    public String reference() {
        return reference;
    }

    /** The posting this one reverses, or null. */
    public UUID reverses() {
        return reverses;
    }

    /** Why (a reversal's reason), or null. */
    public String reason() {
        return reason;
    }

    public String actor() {
        return actor;
    }

    public List<Leg> legs() {
        return legs;
    }
}
