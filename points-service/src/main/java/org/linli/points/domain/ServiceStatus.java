package org.linli.points.domain;

public enum ServiceStatus {
    /** Logged; waits for the beneficiary, their grid head or a community worker. */
    PENDING,
    /** Confirmed and credited (once). */
    CONFIRMED,
    /** Rejected with a reason; earns nothing. */
    REJECTED,
    /** Confirmed, then its award was reversed by a community worker's correction: counts for nothing. */
    REVERSED
}
