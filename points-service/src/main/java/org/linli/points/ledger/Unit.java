package org.linli.points.ledger;

/** What an account counts. A posting balances per unit. */
public enum Unit {
    /** Moral-bank points, earned for confirmed service and deliveries, spent on gifts. */
    POINTS,
    /** Confirmed volunteer minutes (the time bank), spent on class time. */
    MINUTES,
    /** Senior-university class credits: one buys a seat in one class session. */
    CLASS_CREDITS
}
