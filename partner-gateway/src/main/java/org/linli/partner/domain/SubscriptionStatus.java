package org.linli.partner.domain;

public enum SubscriptionStatus {
    /** Deliveries are sent. */
    ACTIVE,
    /** A delivery kept failing for the retry window (or the partner paused it): deliveries wait until it is resumed. */
    PAUSED
}
