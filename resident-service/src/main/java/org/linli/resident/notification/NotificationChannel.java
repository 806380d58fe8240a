package org.linli.resident.notification;

/**
 * How care-alert notices leave the system: SMS, a voice call, a messaging app. The seam is this interface; the
 * deployment picks the implementation. Locally a {@link LoggedNotificationChannel} records and logs the notice.
 */
public interface NotificationChannel {

    /** The channel's name, stored with each notification record. */
    String name();

    /** Sends the notice; returns whether the channel accepted it. Must not throw for an unreachable recipient. */
    boolean send(Notice notice);
}
