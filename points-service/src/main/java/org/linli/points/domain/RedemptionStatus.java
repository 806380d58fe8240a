package org.linli.points.domain;

public enum RedemptionStatus {
    /** Points debited and an item set aside; waits at the exchange counter. */
    RESERVED,
    /** Collected by the volunteer. */
    HANDED_OVER,
    /** Cancelled before hand-over: the points and the item went back. */
    CANCELLED
}
