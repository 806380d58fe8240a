package org.linli.canteen.domain;

public enum OrderStatus {
    /** Taken; the kitchen cooks it. */
    PLACED,
    /** Checked off at the counter. */
    SERVED,
    /** Brought to the door, the welfare check done. */
    DELIVERED,
    /** Nobody answered the door. */
    MISSED,
    /** Cancelled before the cut-off (or because the elder moved out); refunded. */
    CANCELLED
}
