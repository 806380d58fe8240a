package org.linli.resident.notification;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.resident.domain.AlertNotification;

/**
 * The duty desk's last resort: the community console's care queue, which shows every open alert and its notices to
 * whoever is on duty. A duty-desk notice no phone, WeChat or mailbox took is recorded as shown there.
 */
@ApplicationScoped
public class ConsoleChannel implements NotificationChannel {

    @Override
    public String name() {
        return "console";
    }

    @Override
    public boolean canReach(Recipient recipient, NoticeMessage message) {
        return AlertNotification.DUTY_DESK.equals(recipient.kind());
    }

    @Override
    public Outcome send(Recipient recipient, NoticeMessage message) {
        return Outcome.accepted("care-queue");
    }
}
