package org.linli.partner.service;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Tells a partner's technical contact, by e-mail, that a subscription was paused after its retry window
 * ({@link PauseNoticeMessage}: which subscription, its endpoint's host, since when it failed, the last failure, how to
 * resume; Chinese first, then English).
 * <p>
 * <b>Once per pause.</b> {@link #queue} writes the notice in the transaction that pauses the subscription (the pause
 * and its notice commit together; a subscription paused already gets none), unique per subscription and pause. The
 * sender claims due notices with {@code FOR UPDATE SKIP LOCKED} and leases them, sends outside any transaction and
 * marks them sent; a mail server that refuses or cannot be reached leaves the notice pending with backoff (at most
 * {@code max-backoff} apart, never given up), and webhook dispatching never waits for it. Only an instance dying
 * between the mail server's acceptance and the mark sends a notice twice (after the lease); each carries its id in
 * {@code X-Linli-Notice}. A partner without a technical contact is recorded as such (NO_CONTACT) and counted.
 */
@ApplicationScoped
public class PauseNotices {

    private static final String CLAIM = """
            with due as (
                select id from pause_notice where status = 'PENDING' and next_attempt_at <= now()
                order by next_attempt_at limit ?1 for update skip locked),
            claimed as (
                update pause_notice n set attempts = n.attempts + 1, next_attempt_at = now() + cast(?2 as interval)
                from due where n.id = due.id
                returning n.id, n.subscription_id, n.partner_id, n.paused_at, n.failing_since, n.last_failure, n.attempts)
            select cast(c.id as varchar), cast(c.subscription_id as varchar), c.partner_id, s.url,
                   extract(epoch from c.paused_at), extract(epoch from c.failing_since), c.last_failure, c.attempts,
                   p.technical_contact
            from claimed c join subscription s on s.id = c.subscription_id join partner p on p.id = c.partner_id""";

    static final int CLAIMED_AT_ONCE = 5;

    private final EntityManager entityManager;
    private final PartnerConfig config;
    private final SecretCipher cipher;
    private final Mailer mailer;
    private final MeterRegistry registry;

    PauseNotices(EntityManager entityManager, PartnerConfig config, SecretCipher cipher, Mailer mailer,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.config = config;
        this.cipher = cipher;
        this.mailer = mailer;
        this.registry = registry;
        // every outcome's series exists from the start, so that an alert's increase() sees the first one
        for (String outcome : List.of("sent", "failed", "no-contact")) {
            registry.counter("linli.partner.pause.notices", "outcome", outcome);
        }
    }

    /**
     * Queues the notice of a pause that just happened (in the pausing transaction): the subscription's pause time, when
     * the delivery given up started failing, and its last failure ("HTTP 500", an exception's class; never an address).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(UUID subscriptionId, UUID deliveryId, String lastFailure) {
        entityManager.createNativeQuery("""
                insert into pause_notice (id, subscription_id, partner_id, paused_at, failing_since, last_failure, status,
                                          attempts, next_attempt_at)
                select ?1, s.id, s.partner_id, s.paused_at, coalesce(d.failing_since, s.paused_at), ?4, 'PENDING', 0, now()
                from subscription s join delivery d on d.id = ?3
                where s.id = ?2 and s.paused_at is not null
                on conflict (subscription_id, paused_at) do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, subscriptionId).setParameter(3, deliveryId)
                .setParameter(4, lastFailure).executeUpdate();
    }

    @Scheduled(every = "${linli.partner.notices.poll:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.notices().enabled()) {
            return;
        }
        try {
            send();
        } catch (RuntimeException e) {
            Log.warnf("Sending pause notices failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Claims the due notices and sends them; returns how many it tried. Safe on several instances at once. */
    public int send() {
        List<PauseNoticeMessage.Pause> due = claim();
        for (PauseNoticeMessage.Pause pause : due) {
            deliver(pause);
        }
        return due.size();
    }

    private List<PauseNoticeMessage.Pause> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            // few at a time: each send may take the mailer's timeout (15 s), and all of them must end within the lease
            // (2 min by default), or another instance could claim one again and send it twice
            List<Object[]> rows = entityManager.createNativeQuery(CLAIM).setParameter(1, CLAIMED_AT_ONCE)
                    .setParameter(2, config.notices().lease().toMillis() + " milliseconds").getResultList();
            List<PauseNoticeMessage.Pause> claimed = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                claimed.add(new PauseNoticeMessage.Pause(UUID.fromString((String) row[0]), UUID.fromString((String) row[1]),
                        (String) row[2], host((String) row[3]), instant(row[4]), instant(row[5]), (String) row[6],
                        ((Number) row[7]).intValue(), row[8] == null ? null : cipher.open((String) row[8])));
            }
            return claimed;
        });
    }

    private void deliver(PauseNoticeMessage.Pause pause) {
        if (pause.contact() == null) {
            finish(pause.id(), "NO_CONTACT");
            registry.counter("linli.partner.pause.notices", "outcome", "no-contact").increment();
            Log.warnf("Subscription %s of partner %s paused; the partner has no technical contact to tell",
                    pause.subscriptionId(), pause.partnerId());
            return;
        }
        PauseNoticeMessage message = PauseNoticeMessage.of(pause, config);
        try {
            mailer.send(Mail.withText(pause.contact(), message.subject(), message.text())
                    .addHeader("X-Linli-Notice", pause.id().toString()));
        } catch (RuntimeException e) {
            String failure = rootCause(e).getClass().getSimpleName();
            Duration backoff = backoff(pause.attempts());
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                    update pause_notice set next_attempt_at = now() + cast(?2 as interval), last_error = ?3 where id = ?1""")
                    .setParameter(1, pause.id()).setParameter(2, backoff.toMillis() + " milliseconds")
                    .setParameter(3, "smtp: " + failure).executeUpdate());
            registry.counter("linli.partner.pause.notices", "outcome", "failed").increment();
            // the exception's message may name the recipient: its class only
            Log.warnf("Pause notice %s (subscription %s) not sent (%s); next try in %s", pause.id(),
                    pause.subscriptionId(), failure, backoff);
            return;
        }
        finish(pause.id(), "SENT");
        registry.counter("linli.partner.pause.notices", "outcome", "sent").increment();
        Log.infof("Pause notice %s of subscription %s sent to partner %s's technical contact", pause.id(),
                pause.subscriptionId(), pause.partnerId());
    }

    private void finish(UUID notice, String status) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update pause_notice set status = ?2, sent_at = case when cast(?2 as text) = 'SENT' then now() end, last_error = null
                where id = ?1""").setParameter(1, notice).setParameter(2, status).executeUpdate());
    }

    /** initial × 2^(attempt−1), at most the maximum. */
    Duration backoff(int attempt) {
        long initial = config.notices().initialBackoff().toMillis();
        long max = config.notices().maxBackoff().toMillis();
        return Duration.ofMillis(attempt >= 30 ? max : Math.min(max, initial * (1L << Math.max(0, attempt - 1))));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "?" : host;
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private static Instant instant(Object epochSeconds) {
        double seconds = ((Number) epochSeconds).doubleValue();
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }
}
