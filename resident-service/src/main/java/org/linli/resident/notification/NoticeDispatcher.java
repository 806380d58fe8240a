package org.linli.resident.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.platform.transaction.AfterCommit;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.domain.CallName;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.EmergencyContact;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.Resident;
import org.linli.resident.privacy.PiiCipher;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends care-alert notices: each at most once per alert, recipient and stage, through the recipient's channels in
 * order (see {@link NoticeRecipients} for the rule), retrying a refusal with backoff, then the next channel, and last
 * telling the duty desk (a FALLBACK notice).
 *
 * <p>How "never twice" holds: the notice is a row with a unique key (alert, recipient, stage) written in the alert's
 * transaction (a second queue of the same notice does nothing); before anything leaves, a sender claims the row by a
 * conditional status transition PENDING → SENDING in its own committed transaction, so of two instances, or of the
 * after-commit sender and the retry sweeper, one wins; the outcome is recorded only while the claim holds. A claim that
 * outlives {@code linli.notices.sending-lease} (its sender died mid-send) is never sent again: it becomes UNCERTAIN and
 * the duty desk is told.
 */
@ApplicationScoped
public class NoticeDispatcher {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final Instance<NotificationChannel> channels;
    private final NoticeConfig config;
    private final PiiCipher pii;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final ExecutorService sender = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "care-notices");
        thread.setDaemon(true);
        return thread;
    });

    NoticeDispatcher(Instance<NotificationChannel> channels, NoticeConfig config, PiiCipher pii, AfterCommit afterCommit,
            Clock clock) {
        this.channels = channels;
        this.config = config;
        this.pii = pii;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /**
     * Records the notice in the current transaction and sends it once that transaction commits; a notice already
     * recorded for the same alert, recipient and stage is left as it is. Returns whether this call recorded it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean queue(Notice notice) {
        EntityManager em = AlertNotification.getEntityManager();
        em.flush(); // the alert row the notice refers to
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int inserted = em.createNativeQuery("insert into alert_notification (id, alert_id, recipient_kind, recipient_ref, "
                + "stage, channel, sent_at, delivered, status, attempts, next_attempt_at) "
                + "values (?1, ?2, ?3, ?4, ?5, 'pending', ?6, false, 'PENDING', 0, ?6) "
                + "on conflict (alert_id, recipient_kind, recipient_ref, stage) where stage is not null do nothing")
                .setParameter(1, id).setParameter(2, notice.alertId()).setParameter(3, notice.recipientKind())
                .setParameter(4, notice.recipientRef()).setParameter(5, notice.stage().name()).setParameter(6, now)
                .executeUpdate();
        if (inserted == 1) {
            afterCommit.run(() -> sender.execute(() -> process(id)));
        }
        return inserted == 1;
    }

    /** Retries that are due, and claims whose sender stopped mid-send. Every instance runs it; claims keep it single. */
    @Scheduled(every = "${linli.notices.poll:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (stopping) {
            return;
        }
        try {
            expireStalledClaims();
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> AlertNotification.getEntityManager()
                    .createQuery("select n.id from AlertNotification n where n.status = :pending and n.nextAttemptAt <= :now "
                            + "order by n.nextAttemptAt", UUID.class)
                    .setParameter("pending", AlertNotification.PENDING).setParameter("now", OffsetDateTime.now(clock))
                    .setMaxResults(100).getResultList());
            due.forEach(this::process);
        } catch (RuntimeException e) {
            if (!stopping) { // a sweep the shutdown overtook: the next start's sweep picks its notices up
                Log.warnf("Notice sweep failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends one notice: claims it, tries its channel, records the outcome; again on the next channel when refused. */
    public void process(UUID noticeId) {
        for (int round = 0; round < 20; round++) {
            Claim claim;
            try {
                claim = QuarkusTransaction.requiringNew().call(() -> claim(noticeId));
            } catch (RuntimeException e) {
                Log.warnf("Notice %s could not be claimed: %s", noticeId, e.getClass().getSimpleName());
                return;
            }
            if (claim == null) {
                return; // sent, given up, or another sender has it
            }
            Outcome outcome;
            try {
                outcome = claim.channel().send(claim.recipient(), claim.message());
            } catch (RuntimeException e) {
                outcome = Outcome.retry("error: " + e.getClass().getSimpleName());
            }
            Outcome result = outcome;
            boolean again = QuarkusTransaction.requiringNew().call(() -> record(claim, result));
            if (!again) {
                return;
            }
        }
    }

    private record Claim(UUID noticeId, NotificationChannel channel, int triesOnChannel, Recipient recipient,
            NoticeMessage message) {
    }

    /** PENDING → SENDING for this sender only; null when it is not due, not pending, or nothing can carry it. */
    private Claim claim(UUID noticeId) {
        EntityManager em = AlertNotification.getEntityManager();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int claimed = em.createQuery("update AlertNotification n set n.status = :sending, n.claimedUntil = :lease "
                + "where n.id = :id and n.status = :pending and n.nextAttemptAt <= :now")
                .setParameter("sending", AlertNotification.SENDING).setParameter("lease", now.plus(config.sendingLease()))
                .setParameter("id", noticeId).setParameter("pending", AlertNotification.PENDING).setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return null;
        }
        AlertNotification notice = AlertNotification.findById(noticeId);
        em.refresh(notice);
        CareAlert alert = CareAlert.findById(notice.alertId);
        Optional<Target> target = target(notice, alert);
        if (target.isEmpty()) {
            notice.status = AlertNotification.CANCELLED;
            notice.claimedUntil = null;
            notice.sentAt = now;
            return null;
        }
        Recipient recipient = target.get().recipient();
        NoticeMessage message = NoticeTexts.render(notice.id, template(notice), recipient.language(), alert.cause,
                target.get().callName(), alert.id, WHEN.format(alert.raisedAt.atZoneSameInstant(clock.getZone())));
        List<NoticeAttempt> attempts = NoticeAttempt.list("notificationId", noticeId);
        for (NotificationChannel channel : plan(recipient, message)) {
            List<NoticeAttempt> on = attempts.stream().filter(a -> a.channel.equals(channel.name())).toList();
            boolean exhausted = on.size() >= config.maxAttempts()
                    || on.stream().anyMatch(a -> !NoticeAttempt.RETRY.equals(a.outcome));
            if (!exhausted) {
                notice.channel = channel.name();
                return new Claim(noticeId, channel, on.size(), recipient, message);
            }
        }
        giveUp(notice, alert, AlertNotification.FAILED, now);
        return null;
    }

    /** Records what the channel answered, while the claim holds; true when the next channel should be tried now. */
    private boolean record(Claim claim, Outcome outcome) {
        AlertNotification notice = AlertNotification.getEntityManager().find(AlertNotification.class, claim.noticeId(),
                LockModeType.PESSIMISTIC_WRITE);
        if (notice == null || !AlertNotification.SENDING.equals(notice.status)) {
            return false; // the claim lapsed and the notice was marked UNCERTAIN meanwhile
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String channel = claim.channel().name();
        notice.attempts++;
        notice.claimedUntil = null;
        notice.channel = channel;
        if (outcome.accepted()) {
            NoticeAttempt.record(notice.id, channel, now, NoticeAttempt.ACCEPTED, outcome.detail());
            notice.status = AlertNotification.SENT;
            notice.delivered = true;
            notice.sentAt = now;
            return false;
        }
        NoticeAttempt.record(notice.id, channel, now, outcome.retryable() ? NoticeAttempt.RETRY : NoticeAttempt.REFUSED,
                outcome.detail());
        notice.lastError = Outcome.shorten(channel + ": " + outcome.detail());
        notice.status = AlertNotification.PENDING;
        int tries = claim.triesOnChannel() + 1;
        if (outcome.retryable() && tries < config.maxAttempts()) {
            notice.nextAttemptAt = now.plus(backoff(tries));
            return false;
        }
        notice.nextAttemptAt = now;
        return true;
    }

    /** first-backoff, doubled for each further attempt, at most max-backoff. */
    Duration backoff(int triesSoFar) {
        Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(triesSoFar - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Claims older than the lease: their sender stopped mid-send, so the notice is not sent again; the desk is told. */
    private void expireStalledClaims() {
        QuarkusTransaction.requiringNew().run(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            @SuppressWarnings("unchecked")
            List<AlertNotification> stalled = AlertNotification.getEntityManager().createNativeQuery(
                    "select * from alert_notification where status = 'SENDING' and claimed_until < ?1 "
                            + "order by claimed_until limit 50 for update skip locked", AlertNotification.class)
                    .setParameter(1, now).getResultList();
            for (AlertNotification notice : stalled) {
                NoticeAttempt.record(notice.id, notice.channel, now, NoticeAttempt.UNCERTAIN, "sender stopped mid-send");
                giveUp(notice, CareAlert.findById(notice.alertId), AlertNotification.UNCERTAIN, now);
            }
        });
    }

    /** No channel took it: recorded, and unless it was for the duty desk already, the duty desk is told (once per alert). */
    private void giveUp(AlertNotification notice, CareAlert alert, String status, OffsetDateTime now) {
        notice.status = status;
        notice.claimedUntil = null;
        notice.sentAt = now;
        Log.warnf("Notice %s for alert %s to %s: %s", notice.id, notice.alertId, notice.recipientKind, status);
        if (!AlertNotification.DUTY_DESK.equals(notice.recipientKind) && alert != null) {
            queue(new Notice(alert.id, AlertNotification.DUTY_DESK, alert.communityId, NoticeStage.FALLBACK));
        }
    }

    /** The channels for this recipient and message, in order (the rule is on {@link NoticeRecipients}). */
    List<NotificationChannel> plan(Recipient recipient, NoticeMessage message) {
        Map<String, NotificationChannel> byName = channels.stream()
                .collect(Collectors.toMap(NotificationChannel::name, c -> c, (a, b) -> a));
        List<String> order = new ArrayList<>(recipient.preferred().isEmpty() ? config.order() : recipient.preferred());
        order.add("log");
        order.add("console");
        List<NotificationChannel> plan = new ArrayList<>();
        for (String name : order.stream().map(String::strip).distinct().toList()) {
            NotificationChannel channel = byName.get(name);
            if (channel != null && channel.canReach(recipient, message)) {
                plan.add(channel);
            }
        }
        return plan;
    }

    private static String template(AlertNotification notice) {
        NoticeStage stage = notice.stage == null ? NoticeStage.RAISED : NoticeStage.valueOf(notice.stage);
        return switch (stage) {
            case ESCALATED -> NoticeTexts.ESCALATED;
            case FALLBACK -> NoticeTexts.FALLBACK;
            case RAISED -> switch (notice.recipientKind) {
                case AlertNotification.EMERGENCY_CONTACT, AlertNotification.FAMILY_MEMBER -> NoticeTexts.FAMILY;
                case AlertNotification.GRID_HEAD -> NoticeTexts.GRID_HEAD;
                default -> NoticeTexts.DUTY_DESK;
            };
        };
    }

    private record Target(Recipient recipient, String callName) {
    }

    /** Who the notice is for and what the resident is called; empty when they must not be told any more. */
    private Optional<Target> target(AlertNotification notice, CareAlert alert) {
        NoticeRecipient given = NoticeRecipient.of(notice.recipientKind, notice.recipientRef);
        String phone = null;
        String callName = null;
        switch (notice.recipientKind) {
            case AlertNotification.EMERGENCY_CONTACT -> {
                EmergencyContact contact = EmergencyContact.findById(UUID.fromString(notice.recipientRef));
                if (contact == null || contact.removedAt != null
                        || !Consent.given(contact.residentId, ConsentPurpose.CARE_ALERTS, LocalDate.now(clock))) {
                    return Optional.empty(); // removed, or the resident withdrew consent: nobody outside is told
                }
                phone = pii.decrypt(contact.phoneCipher);
                callName = callName(Resident.findById(contact.residentId));
            }
            case AlertNotification.FAMILY_MEMBER -> {
                UUID member = UUID.fromString(notice.recipientRef);
                Optional<FamilyLink> link = FamilyLink.covering(member, alert, LocalDate.now(clock));
                if (link.isEmpty() || !Consent.given(link.get().parentId, ConsentPurpose.CARE_ALERTS, LocalDate.now(clock))) {
                    return Optional.empty(); // the link was revoked or ended, or consent withdrawn: not told any more
                }
                Resident asResident = Resident.findById(member); // a family member who lives in a community too
                phone = asResident == null || asResident.phoneCipher == null || !asResident.active() ? null
                        : pii.decrypt(asResident.phoneCipher);
                callName = callName(Resident.findById(link.get().parentId));
            }
            case AlertNotification.GRID_HEAD -> {
                Resident head = Resident.findById(UUID.fromString(notice.recipientRef));
                phone = head == null || head.phoneCipher == null || !head.active() ? null : pii.decrypt(head.phoneCipher);
                callName = alert.residentId == null ? null : callName(Resident.findById(alert.residentId));
            }
            default -> {
                // the duty desk: only what the community gave for it
            }
        }
        if (given != null && given.phoneCipher != null) {
            phone = pii.decrypt(given.phoneCipher);
        }
        String email = given == null || given.emailCipher == null ? null : pii.decrypt(given.emailCipher);
        String openId = given == null || given.wechatOpenIdCipher == null ? null : pii.decrypt(given.wechatOpenIdCipher);
        List<String> preferred = given == null || given.channels == null ? List.of()
                : Arrays.stream(given.channels.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String language = given == null ? "zh" : given.language;
        return Optional.of(new Target(new Recipient(notice.recipientKind, notice.recipientRef, phone, email, openId, language,
                preferred), callName));
    }

    private static String callName(Resident resident) {
        return resident == null ? null : CallName.of(resident.name, resident.gender);
    }

    /** Set when the service begins to stop: a sweep then no longer starts, and one under way fails quietly. */
    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
