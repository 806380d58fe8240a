package org.linli.resident.notification;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;

/**
 * The local channel: it records that a notice was sent (the caller stores the notification record) and logs who it was
 * for by reference. Names, numbers and the message text are not logged.
 */
@ApplicationScoped
@DefaultBean
public class LoggedNotificationChannel implements NotificationChannel {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean send(Notice notice) {
        Log.infof("Care alert %s (%s): notified %s %s", notice.alertId(), notice.cause(), notice.recipientKind(),
                notice.recipientRef());
        return true;
    }
}
