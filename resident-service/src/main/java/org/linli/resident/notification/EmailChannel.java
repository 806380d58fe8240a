package org.linli.resident.notification;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * E-mail over SMTP (quarkus-mailer: quarkus.mailer.host, port, from, username, password, tls), in the recipient's
 * language, plain text. Used when linli.notices.email.enabled is set and the person gave an address.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final NoticeConfig config;
    private final Mailer mailer;

    EmailChannel(NoticeConfig config, Mailer mailer) {
        this.config = config;
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean canReach(Recipient recipient, NoticeMessage message) {
        return config.email().enabled() && recipient.email() != null;
    }

    @Override
    public Outcome send(Recipient recipient, NoticeMessage message) {
        try {
            mailer.send(Mail.withText(recipient.email(), message.subject(), message.text())
                    .addHeader("X-Linli-Notice", message.noticeId().toString()));
            return Outcome.accepted("250");
        } catch (RuntimeException e) {
            // an SMTP server that refuses or cannot be reached: the message names no recipient
            return Outcome.retry("smtp: " + e.getClass().getSimpleName());
        }
    }
}
