package org.linli.platform.operations;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dead letter ("topic/partition/offset") that was replayed or discarded; its key refuses a second decision. */
@Entity
@Table(name = "dead_letter_decision")
public class DeadLetterDecision extends PanacheEntityBase {

    @Id
    public String record;

    @Column(nullable = false)
    public String decision;

    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;

    static String record(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
