package org.linli.points.domain;

public enum BookingStatus {
    BOOKED,
    /** Cancelled: the seat and the class credit went back. */
    CANCELLED
}
