package org.linli.canteen.domain;

/**
 * The breakdown of one meal's price in integer fen: {@code totalFen = elderPaysFen + subsidyFen + sponsorFen}.
 * Meal events carry it, so a settlement can be rebuilt from events alone.
 */
public record Price(long totalFen, long elderPaysFen, long subsidyFen, long sponsorFen, String sponsorId) {
}
