package org.linli.canteen.service;

import java.time.LocalDate;
import java.util.List;

/**
 * What a canteen's meals came to over a period (a day or a month), from the meals actually served or delivered, in
 * integer fen: {@code totalFen = elderPaidFen + subsidyFen + sponsorFen}. The same figures follow from the
 * meal.served.v1 and meal.delivered.v1 events alone, which carry each meal's price breakdown.
 */
public record Settlement(String communityId, LocalDate from, LocalDate to, long meals, long dineIn, long delivered,
        long missedDeliveries, long totalFen, long elderPaidFen, long subsidyFen, long sponsorFen,
        List<SponsorShare> sponsors) {

    public record SponsorShare(String sponsorId, long meals, long sponsorFen) {
    }
}
