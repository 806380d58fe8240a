package org.linli.resident.notification;

/** Why a notice is sent; each person is told at most once per alert and stage. */
public enum NoticeStage {
    /** The alert was raised: the emergency contacts, the grid head, and the duty desk for urgent alarms. */
    RAISED,
    /** Nobody acknowledged in time: the duty desk. */
    ESCALATED,
    /** A contact or the grid head could not be reached on any channel: the duty desk, once per alert. */
    FALLBACK
}
