package org.linli.canteen.domain;

import java.time.LocalTime;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;


import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A community's senior canteen: its daily order cut-off and its price rules (all money in integer fen). */
@Entity
public class Canteen extends PanacheEntityBase {

    public static final LocalTime DEFAULT_CUT_OFF = LocalTime.of(9, 30);

    @Id
    @Column(name = "community_id")
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    /** Orders for a day are taken, and may be cancelled, until this time of that day (community time). */
    @Column(name = "cut_off", nullable = false)
    public LocalTime cutOff = DEFAULT_CUT_OFF;

    /** What a meal costs in all; by default the elder pays all of it: 7 yuan. */
    @Column(name = "meal_price_fen", nullable = false)
    public long mealPriceFen = 700;

    @Column(name = "delivery_fee_fen", nullable = false)
    public long deliveryFeeFen;

    @Column(name = "subsidy_aged_60_74_fen", nullable = false)
    public long subsidyAged60To74Fen;

    @Column(name = "subsidy_aged_75_84_fen", nullable = false)
    public long subsidyAged75To84Fen;

    @Column(name = "subsidy_aged_85_94_fen", nullable = false)
    public long subsidyAged85To94Fen;

    @Column(name = "subsidy_aged_95_plus_fen", nullable = false)
    public long subsidyAged95PlusFen;

    @Column(name = "low_income_subsidy_fen", nullable = false)
    public long lowIncomeSubsidyFen;

    /** The partner (a bank) that pays a share of each meal, if any. */
    @Column(name = "sponsor_id")
    public String sponsorId;

    @Column(name = "sponsor_share_fen", nullable = false)
    public long sponsorShareFen;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * The price of one meal for this diner: the total (meal plus any delivery fee), less the larger of the age-band
     * and low-income subsidies, less the sponsor's share; the elder pays the rest, never less than nothing.
     */
    public Price priceFor(Diner diner, ServiceMode service) {
        long total = mealPriceFen + (service == ServiceMode.DELIVERY ? deliveryFeeFen : 0);
        long subsidy = Math.min(total, Math.max(ageBandSubsidy(diner.ageBand), diner.lowIncome ? lowIncomeSubsidyFen : 0));
        long sponsor = sponsorId == null ? 0 : Math.min(sponsorShareFen, total - subsidy);
        return new Price(total, total - subsidy - sponsor, subsidy, sponsor, sponsor == 0 ? null : sponsorId);
    }

    long ageBandSubsidy(String ageBand) {
        if (ageBand == null) {
            return 0;
        }
        return switch (ageBand) {
            case "AGED_60_74" -> subsidyAged60To74Fen;
            case "AGED_75_84" -> subsidyAged75To84Fen;
            case "AGED_85_94" -> subsidyAged85To94Fen;
            case "AGED_95_PLUS" -> subsidyAged95PlusFen;
            default -> 0;
        };
    }
}
