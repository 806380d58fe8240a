package org.linli.partner;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * A real SMTP server (GreenMail) the gateway's mailer sends to, for every test of the module (global, like the fakes):
 * partners' technical contacts' mailboxes. A test may stop it (a mail server that is down) and start it again on the
 * same port.
 */
public class PartnerMailbox implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static GreenMail smtp;

    /** Puts the mailbox on every test of the module (global: one application for all test classes). */
    @WithTestResource(value = PartnerMailbox.class, scope = TestResourceScope.GLOBAL)
    public static final class Installed {
        private Installed() {
        }
    }

    @Override
    public Map<String, String> start() {
        port = org.linli.infra.FreePorts.pick(); // bound again after down(): outside the ephemeral range, kept free
        up();
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port), "quarkus.mailer.from", "partners@linli.test",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        down();
    }

    static synchronized void up() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    static synchronized void down() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** The messages the mail server took for this address. */
    static synchronized List<MimeMessage> to(String address) {
        if (smtp == null) {
            return List.of();
        }
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> addressedTo(m, address)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
