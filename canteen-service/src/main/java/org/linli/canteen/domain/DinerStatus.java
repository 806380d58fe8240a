package org.linli.canteen.domain;

public enum DinerStatus {
    /** May order; a housebound diner may have lunch delivered. */
    ACTIVE,
    /** Enrolment paused by a worker (a hospital stay, the family cooks for a while). */
    PAUSED,
    /** Moved out of the community: no orders, standing orders cancelled. */
    MOVED_OUT
}
