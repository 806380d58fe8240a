package org.linli.resident.domain;

public enum AlertStatus {
    /** Raised and sent to the emergency contacts and the grid head; nobody has acknowledged yet. */
    RAISED,
    /** Nobody acknowledged in time: the community's duty desk was told. */
    ESCALATED,
    /** Someone took it on. */
    ACKNOWLEDGED,
    /** Done, with a note of what happened. */
    RESOLVED
}
