package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The live consumer's side of the projection: each batch is one transaction on the service's database, holding the
 * rebuild lock shared (a rebuild's swap takes it exclusively, so no batch straddles a swap) and telling listening
 * instances which communities changed (PostgreSQL NOTIFY, delivered at commit). A batch that fails is applied again
 * record by record, each record retried a few times, so a transient fault delays figures and a bad record goes to the
 * dead-letter topic without holding the others back.
 */
@ApplicationScoped
public class LiveProjection {

    static final String NOTIFY_CHANNEL = "linli_dashboard_changed";
    /** The advisory lock a rebuild's swap holds exclusively and every live batch shares. */
    static final long REBUILD_LOCK = 0x4c494e4c49L; // "LINLI"
    private static final int ATTEMPTS = 4;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry registry;
    private final ZoneId zone;

    LiveProjection(AgroalDataSource dataSource, ObjectMapper mapper,
            @Channel("dashboard-dlq") MutinyEmitter<String> deadLetters, MeterRegistry registry, DashboardConfig config) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.zone = ZoneId.of(config.timeZone());
    }

    public void accept(List<IncomingRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            done(QuarkusTransaction.requiringNew().call(() -> applyInTransaction(records, false)));
            return;
        } catch (RuntimeException e) {
            if (records.size() == 1) {
                Log.warnf("A dashboard record could not be applied (%s); trying it again", e.getMessage());
            } else {
                Log.warnf("A batch of %d dashboard records could not be applied (%s); applying them one by one",
                        records.size(), e.getMessage());
            }
        }
        for (IncomingRecord record : records) {
            acceptOne(record);
        }
    }

    private void acceptOne(IncomingRecord record) {
        for (int attempt = 1;; attempt++) {
            try {
                done(QuarkusTransaction.requiringNew().call(() -> applyInTransaction(List.of(record), true)));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    Log.errorf(e, "Record %s-%d@%d could not be applied after %d attempts: dead-lettered", record.topic(),
                            record.partition(), record.offset(), attempt);
                    deadLetter(new Projection.DeadLetter(record, "could not be applied: " + e.getClass().getSimpleName()));
                    return;
                }
                sleep(200L * attempt * attempt);
            }
        }
    }

    private Projection.Outcome applyInTransaction(List<IncomingRecord> records, boolean careful) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
                lock.setLong(1, REBUILD_LOCK);
                lock.execute();
            }
            Projection.Outcome outcome = Projection.apply(connection, records, mapper, zone, careful);
            if (!outcome.communities().isEmpty()) {
                try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                    notify.setString(1, NOTIFY_CHANNEL);
                    notify.setString(2, String.join(",", outcome.communities()));
                    notify.execute();
                }
            }
            return outcome;
        }
    }

    private void done(Projection.Outcome outcome) {
        // the figure cache hears of the change through the NOTIFY, like every other instance (ChangeFeed)
        registry.counter("linli.dashboard.events", "outcome", "projected").increment(outcome.projected());
        registry.counter("linli.dashboard.events", "outcome", "duplicate").increment(outcome.duplicates());
        registry.counter("linli.dashboard.events", "outcome", "held").increment(outcome.held());
        if (outcome.held() > 0) {
            Log.warnf("%d event(s) of a newer version kept aside; see GET /admin/held-events", outcome.held());
        }
        outcome.deadLetters().forEach(this::deadLetter);
    }

    /** Sends a record to linli.dashboard-service.dlq with where it came from and why, and waits for the broker. */
    private void deadLetter(Projection.DeadLetter dead) {
        IncomingRecord record = dead.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", dead.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        deadLetters.sendMessageAndAwait(Message.of(record.value() == null ? "" : record.value(), Metadata.of(metadata)));
        registry.counter("linli.dashboard.events", "outcome", "dead-letter").increment();
        Log.warnf("Record %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                dead.reason());
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
