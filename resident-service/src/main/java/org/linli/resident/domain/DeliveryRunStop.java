package org.linli.resident.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One door of a delivery run: the resident whose lunch is carried there, in the run's order. */
@Entity
@Table(name = "delivery_run_stop")
public class DeliveryRunStop extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public int sequence;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    /** The stops of these runs, door by door (ordering the runs is the caller's affair). */
    public static List<DeliveryRunStop> ofRuns(Collection<UUID> runIds) {
        return runIds.isEmpty() ? List.of() : list("runId in ?1 order by sequence, id", runIds);
    }
}
