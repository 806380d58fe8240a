package org.linli.partner.domain;

public enum DeliveryStatus {
    /** Waiting to be sent, or to be retried. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Retried for the whole retry window without success; its subscription was paused. */
    FAILED
}
