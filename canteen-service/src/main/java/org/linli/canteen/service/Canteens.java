package org.linli.canteen.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Canteen;
import org.linli.platform.problem.ConflictProblem;

/** The canteen of each community: created on first use, with default cut-off (09:30) and price (7 yuan, no subsidy). */
@ApplicationScoped
@Transactional
public class Canteens {

    private final EntityManager entityManager;
    private final Clock clock;

    Canteens(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The community's canteen, created with the defaults if it does not exist yet. */
    public Canteen of(String communityId) {
        Canteen canteen = Canteen.findById(communityId);
        return canteen != null ? canteen : create(communityId, null);
    }

    /** The canteen row locked for this transaction (serialises work on one canteen's day). */
    public Canteen locked(String communityId) {
        of(communityId);
        return Canteen.findById(communityId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Learns the district a community belongs to (from resident events). */
    public void knowDistrict(String communityId, String districtId) {
        Canteen canteen = of(communityId);
        if (districtId != null && !districtId.equals(canteen.districtId)) {
            canteen.districtId = districtId;
            canteen.updatedAt = OffsetDateTime.now(clock);
        }
    }

    public Canteen changeCutOff(String communityId, LocalTime cutOff) {
        Canteen canteen = of(communityId);
        canteen.cutOff = cutOff;
        canteen.updatedAt = OffsetDateTime.now(clock);
        return canteen;
    }

    public record PriceRules(long mealPriceFen, long deliveryFeeFen, long aged60To74Fen, long aged75To84Fen,
            long aged85To94Fen, long aged95PlusFen, long lowIncomeFen, String sponsorId, long sponsorShareFen) {
    }

    public Canteen changePriceRules(String communityId, PriceRules rules) {
        if ((rules.sponsorId() == null) != (rules.sponsorShareFen() == 0)) {
            throw new ConflictProblem("A sponsor's share needs a sponsor id, and a sponsor needs a share above 0 fen");
        }
        Canteen canteen = of(communityId);
        canteen.mealPriceFen = rules.mealPriceFen();
        canteen.deliveryFeeFen = rules.deliveryFeeFen();
        canteen.subsidyAged60To74Fen = rules.aged60To74Fen();
        canteen.subsidyAged75To84Fen = rules.aged75To84Fen();
        canteen.subsidyAged85To94Fen = rules.aged85To94Fen();
        canteen.subsidyAged95PlusFen = rules.aged95PlusFen();
        canteen.lowIncomeSubsidyFen = rules.lowIncomeFen();
        canteen.sponsorId = rules.sponsorId();
        canteen.sponsorShareFen = rules.sponsorShareFen();
        canteen.updatedAt = OffsetDateTime.now(clock);
        return canteen;
    }

    /** Whether orders for this day are still taken (and may still be cancelled). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean open(Canteen canteen, LocalDate day) {
        return ZonedDateTime.now(clock).isBefore(day.atTime(canteen.cutOff).atZone(clock.getZone()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private Canteen create(String communityId, String districtId) {
        entityManager.createNativeQuery("insert into canteen (community_id, district_id, updated_at) values (?1, ?2, ?3) "
                + "on conflict do nothing")
                .setParameter(1, communityId).setParameter(2, districtId).setParameter(3, OffsetDateTime.now(clock))
                .executeUpdate();
        return Canteen.findById(communityId);
    }
}
