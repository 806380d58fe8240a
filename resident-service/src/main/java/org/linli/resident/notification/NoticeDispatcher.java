package org.linli.resident.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.transaction.AfterCommit;
import org.linli.resident.domain.AlertNotification;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sends care-alert notices only once the alert's transaction has committed, so a rolled-back alert texts nobody and a
 * retried one does not text twice. The notification record is written with the alert (delivered = false) and marked
 * delivered when the channel accepts the notice.
 */
@ApplicationScoped
public class NoticeDispatcher {

    private final NotificationChannel channel;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final ExecutorService sender = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "care-notices");
        thread.setDaemon(true);
        return thread;
    });

    NoticeDispatcher(NotificationChannel channel, AfterCommit afterCommit, Clock clock) {
        this.channel = channel;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** Records the notification now and sends the notice after the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Notice notice) {
        AlertNotification record = new AlertNotification();
        record.id = UUID.randomUUID();
        record.alertId = notice.alertId();
        record.recipientKind = notice.recipientKind();
        record.recipientRef = notice.recipientRef();
        record.channel = channel.name();
        record.sentAt = OffsetDateTime.now(clock);
        record.delivered = false;
        record.persist();
        UUID recordId = record.id;
        afterCommit.run(() -> sender.execute(() -> deliver(recordId, notice)));
    }

    private void deliver(UUID recordId, Notice notice) {
        boolean delivered;
        try {
            delivered = channel.send(notice);
        } catch (RuntimeException e) {
            Log.warnf("Channel %s failed to send %s: %s", channel.name(), notice, e.getMessage());
            delivered = false;
        }
        boolean accepted = delivered;
        QuarkusTransaction.requiringNew().run(() -> AlertNotification.update("delivered = ?1, sentAt = ?2 where id = ?3",
                accepted, OffsetDateTime.now(clock), recordId));
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
