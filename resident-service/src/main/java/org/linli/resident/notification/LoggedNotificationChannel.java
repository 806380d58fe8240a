package org.linli.resident.notification;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * The local channel (linli.notices.log.enabled, on in dev, test and local runs): it logs that a notice was sent, to
 * whom by reference. Names, numbers and the text are not logged, unless linli.notices.log.show-text is set for a
 * developer's run with made-up people.
 */
@ApplicationScoped
public class LoggedNotificationChannel implements NotificationChannel {

    private final NoticeConfig config;

    LoggedNotificationChannel(NoticeConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean canReach(Recipient recipient, NoticeMessage message) {
        return config.log().enabled();
    }

    @Override
    public Outcome send(Recipient recipient, NoticeMessage message) {
        if (config.log().showText()) {
            Log.infof("Notice %s (%s) to %s:%s: %s", message.noticeId(), message.template(), recipient.kind(),
                    recipient.ref(), message.text());
        } else {
            Log.infof("Notice %s (%s) to %s:%s", message.noticeId(), message.template(), recipient.kind(), recipient.ref());
        }
        return Outcome.accepted("logged");
    }
}
