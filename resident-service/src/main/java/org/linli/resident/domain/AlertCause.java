package org.linli.resident.domain;

/** Why a care alert was raised. */
public enum AlertCause {
    /** The canteen's delivery worker found nobody answering the door. */
    DELIVERY_MISSED,
    /** The lunch was delivered but the welfare check was a concern ("says she feels dizzy"). */
    WELFARE_CONCERN,
    /** A smart gas alarm in the household went off. */
    GAS_ALARM,
    /** A smoke detector in the household went off. */
    SMOKE_ALARM;

    /** Alarms that endanger a whole household (and neighbours) reach the duty desk at once, not on escalation. */
    public boolean urgent() {
        return this == GAS_ALARM || this == SMOKE_ALARM;
    }
}
