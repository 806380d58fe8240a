package org.linli.points.ledger;

public enum PostingKind {
    /** Points and minutes for a confirmed service. */
    SERVICE_AWARD,
    /** Points for delivering a meal (from meal.delivered.v1). */
    DELIVERY_AWARD,
    /** Points spent on a reward. */
    REDEMPTION,
    /** Minutes turned into class credits. */
    CLASS_CREDITS_BOUGHT,
    /** A class credit spent on a seat. */
    CLASS_BOOKING,
    /** The exact opposite of an earlier posting: a cancellation or a correction, with who and why. */
    REVERSAL
}
