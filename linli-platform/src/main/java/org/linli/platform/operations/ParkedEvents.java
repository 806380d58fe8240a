package org.linli.platform.operations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.OutboxEvent;
import org.linli.platform.outbox.OutboxRelay;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.transaction.AfterCommit;

import io.quarkus.panache.common.Sort;

/**
 * The outbox events the broker kept refusing (parked by {@link OutboxRelay}), for an operator: retried once the cause
 * is cured (the relay sends it, then the events of its aggregate held behind it, in order), or discarded when it must
 * never be sent (its aggregate's later events then follow). Each decision is an {@link OperatorAction} with its reason,
 * in the same transaction.
 */
@ApplicationScoped
public class ParkedEvents {

    /** A parked event as an operator sees it: where it was going and how often it was refused, not its data. */
    public record Parked(UUID id, String type, String topic, String key, String communityId, OffsetDateTime occurredAt,
            int attempts, OffsetDateTime parkedAt, long heldBehind) {
    }

    private final OutboxRelay relay;
    private final AfterCommit afterCommit;
    private final Clock clock;

    ParkedEvents(OutboxRelay relay, AfterCommit afterCommit, Clock clock) {
        this.relay = relay;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Parked> list() {
        List<OutboxEvent> parked = OutboxEvent.list("parkedAt is not null and publishedAt is null", Sort.by("seq"));
        return parked.stream().map(e -> new Parked(e.id, e.type, e.topic, e.recordKey, e.communityId, e.occurredAt,
                e.attempts, e.parkedAt, OutboxEvent.count("topic = ?1 and recordKey = ?2 and seq > ?3 and publishedAt is null",
                        e.topic, e.recordKey, e.seq))).toList();
    }

    /** Sends it again from its first attempt; the relay is woken once the decision is committed. */
    @Transactional
    public void retry(UUID id, String operator, String reason) {
        OutboxEvent event = parked(id);
        event.parkedAt = null;
        event.attempts = 0;
        OperatorAction.record(OffsetDateTime.now(clock), operator, "outbox.retry", id.toString(), event.type, reason);
        afterCommit.run(relay::wakeUp);
    }

    /** Gives it up: it is never sent, and its aggregate's later events go on without it. */
    @Transactional
    public void discard(UUID id, String operator, String reason) {
        OutboxEvent event = parked(id);
        OperatorAction.record(OffsetDateTime.now(clock), operator, "outbox.discard", id.toString(),
                event.type + " to " + event.topic, reason);
        event.delete();
        afterCommit.run(relay::wakeUp);
    }

    private static OutboxEvent parked(UUID id) {
        OutboxEvent event = OutboxEvent.<OutboxEvent>find("id", id).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> new NotFoundProblem("No outbox event " + id));
        if (event.publishedAt != null || event.parkedAt == null) {
            throw new ConflictProblem("Event " + id + " is not parked (it was sent, retried or is still being tried)");
        }
        return event;
    }
}
