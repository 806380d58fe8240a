package org.linli.points.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Each kind of posting moves its own accounts, balanced per unit, under its own reference, and says who asked. */
class PostingRequestTest {

    static final String COMMUNITY = "changshan-garden";
    final UUID volunteerId = UUID.randomUUID();
    final Accounts accounts = accounts(volunteerId);

    @Test
    void aServiceAwardCreditsPointsAndMinutesFromTheIssuingAccounts() {
        UUID service = UUID.randomUUID();
        PostingRequest award = PostingRequest.serviceAward(accounts, service, 10, 45, "worker-han");
        assertEquals(PostingKind.SERVICE_AWARD, award.kind());
        assertEquals("service:" + service, award.reference());
        assertEquals(COMMUNITY, award.communityId());
        assertEquals(Map.of(AccountKind.ISSUING, -10L, AccountKind.WALLET, 10L, AccountKind.TIME_ISSUING, -45L,
                AccountKind.TIME_WALLET, 45L), moved(award));
        balanced(award);
    }

    @Test
    void aServiceAwardCappedToNothingStillCreditsItsMinutes() {
        PostingRequest award = PostingRequest.serviceAward(accounts, UUID.randomUUID(), 0, 60, "worker-han");
        assertEquals(Map.of(AccountKind.TIME_ISSUING, -60L, AccountKind.TIME_WALLET, 60L), moved(award));
    }

    @Test
    void aDeliveryAwardIsPostedByTheCanteenUnderItsOrder() {
        UUID order = UUID.randomUUID();
        PostingRequest award = PostingRequest.deliveryAward(accounts, order, 5);
        assertEquals(PostingRequest.deliveryReference(order), award.reference());
        assertEquals("delivery:" + order, award.reference());
        assertEquals(PostingRequest.CANTEEN, award.actor());
        assertEquals(Map.of(AccountKind.ISSUING, -5L, AccountKind.WALLET, 5L), moved(award));
    }

    @Test
    void spendingTakesFromTheVolunteersWallets() {
        UUID redemption = UUID.randomUUID();
        PostingRequest spent = PostingRequest.redemption(accounts, redemption, 8, volunteerId.toString());
        assertEquals("redemption:" + redemption, spent.reference());
        assertEquals(Map.of(AccountKind.WALLET, -8L, AccountKind.REDEMPTION, 8L), moved(spent));

        PostingRequest credits = PostingRequest.classCredits(accounts, 80, 2, volunteerId.toString());
        assertTrue(credits.reference().startsWith("class-credits:"));
        assertEquals(Map.of(AccountKind.TIME_WALLET, -80L, AccountKind.TIME_SPENT, 80L, AccountKind.CLASS_ISSUING, -2L,
                AccountKind.CLASS_WALLET, 2L), moved(credits));
        balanced(credits);

        UUID booking = UUID.randomUUID();
        PostingRequest seat = PostingRequest.classBooking(accounts, booking, volunteerId.toString());
        assertEquals("class-booking:" + booking, seat.reference());
        assertEquals(Map.of(AccountKind.CLASS_WALLET, -1L, AccountKind.CLASS_SPENT, 1L), moved(seat));
    }

    @Test
    void aVolunteersPostingNeedsTheVolunteersWalletsAndSaysWhoAsked() {
        Accounts communityOnly = accounts(null);
        assertThrows(IllegalStateException.class,
                () -> PostingRequest.serviceAward(communityOnly, UUID.randomUUID(), 10, 45, "worker-han"));
        assertThrows(IllegalArgumentException.class,
                () -> PostingRequest.redemption(accounts, UUID.randomUUID(), 8, " "));
    }

    @Test
    void anAmountIsMoreThanNoneSoNoLegRunsBackwards() {
        assertThrows(IllegalArgumentException.class,
                () -> PostingRequest.redemption(accounts, UUID.randomUUID(), -8, volunteerId.toString()));
        assertThrows(IllegalArgumentException.class, () -> PostingRequest.deliveryAward(accounts, UUID.randomUUID(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> PostingRequest.serviceAward(accounts, UUID.randomUUID(), -10, 45, "worker-han"));
        assertThrows(IllegalArgumentException.class,
                () -> PostingRequest.classCredits(accounts, 80, 0, volunteerId.toString()));
    }

    private static Map<AccountKind, Long> moved(PostingRequest request) {
        Map<AccountKind, Long> moved = new EnumMap<>(AccountKind.class);
        request.legs().forEach(leg -> moved.merge(leg.account().kind, leg.amount(), Long::sum));
        return moved;
    }

    private static void balanced(PostingRequest request) {
        Map<Unit, Long> sums = new EnumMap<>(Unit.class);
        request.legs().forEach(leg -> sums.merge(leg.account().unit, leg.amount(), Long::sum));
        sums.forEach((unit, sum) -> assertEquals(0L, sum, "balance in " + unit));
    }

    private static Accounts accounts(UUID volunteerId) {
        Map<AccountKind, LedgerAccount> byKind = new EnumMap<>(AccountKind.class);
        for (AccountKind kind : AccountKind.values()) {
            if (kind.owned() && volunteerId == null) {
                continue;
            }
            LedgerAccount account = new LedgerAccount();
            account.id = UUID.randomUUID();
            account.communityId = COMMUNITY;
            account.kind = kind;
            account.unit = kind.unit();
            account.ownerId = kind.owned() ? volunteerId : null;
            byKind.put(kind, account);
        }
        return new Accounts(COMMUNITY, volunteerId, byKind);
    }
}
