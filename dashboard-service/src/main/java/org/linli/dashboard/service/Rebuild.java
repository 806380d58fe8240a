package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.linli.platform.kafka.KafkaConnection;
import org.linli.platform.problem.ConflictProblem;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Rebuilds the read model from the topics alone: replays every topic from its beginning into a fresh schema, then
 * swaps it in. The live figures stay served (and keep moving) while the replay runs; the swap is one short transaction
 * that holds the rebuild lock exclusively (live batches wait on it), applies what the live projection saw after the
 * replay's end (its {@code applied_offset}), and renames the schemas. Afterwards every figure equals what the live
 * projection had, for every event both have seen: the same code projects both, and both count an event id once.
 *
 * <p>One rebuild runs at a time in the whole deployment (a session advisory lock on PostgreSQL).
 */
@ApplicationScoped
public class Rebuild {

    static final List<String> TOPICS = List.of("linli.resident.events", "linli.resident.care-alerts",
            "linli.resident.needs", "linli.points.events", "linli.canteen.events");
    private static final long JOB_LOCK = 0x4c494e4c4aL;
    private static final int BATCH = 2000;

    public enum State {
        IDLE, REPLAYING, SWAPPING, DONE, FAILED
    }

    /** Where the current (or last) rebuild stands. */
    public record Status(State state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long recordsReplayed,
            long eventsProjected, String failure) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final DashboardConfig config;
    private final KafkaConnection kafka;
    private final RebuildLog log;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null, null, 0, 0, null));
    private volatile UUID run;

    Rebuild(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") java.util.Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password,
            ObjectMapper mapper, Clock clock, DashboardConfig config,
            KafkaConnection kafka, RebuildLog log) {
        this.log = log;
        this.url = url;
        this.user = user.orElse(null);
        this.password = password.orElse(null);
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.kafka = kafka;
    }

    /** Where the deployment's latest rebuild stands, whichever instance runs it. */
    public Status status() {
        return log.latest().orElse(new Status(State.IDLE, null, null, 0, 0, null));
    }

    /** Starts a rebuild in the background; 409 when one is already running. */
    public synchronized Status start() {
        if (log.running()) {
            throw new ConflictProblem("A rebuild is already running");
        }
        Status started = begin();
        Thread worker = new Thread(this::runQuietly, "dashboard-rebuild");
        worker.setDaemon(true);
        worker.start();
        return started;
    }

    /** Runs a rebuild in the calling thread and returns when it is swapped in (the benchmark and tests use this). */
    public synchronized Status runNow() {
        begin();
        runQuietly();
        return status.get();
    }

    private Status begin() {
        run = UUID.randomUUID();
        Status started = new Status(State.REPLAYING, OffsetDateTime.now(clock), null, 0, 0, null);
        set(started);
        return started;
    }

    /** The run's progress, kept here and in the log every instance reads. */
    private void set(Status next) {
        status.set(next);
        log.save(run, next);
    }

    private void runQuietly() {
        try {
            run();
        } catch (Exception e) {
            Log.errorf(e, "The dashboard rebuild failed; the live figures are unchanged");
            Status s = status.get();
            set(new Status(State.FAILED, s.startedAt(), OffsetDateTime.now(clock), s.recordsReplayed(),
                    s.eventsProjected(), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void run() throws SQLException {
        String live = config.schema();
        String fresh = live + "_rebuild";
        ZoneId zone = ZoneId.of(config.timeZone());
        // a connection of its own, not the pool's: it changes its search path and holds a session lock for minutes
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, JOB_LOCK);
                try (ResultSet r = lock.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        throw new ConflictProblem("A rebuild is already running on another instance");
                    }
                }
            }
            try {
                execute(connection, "drop schema if exists " + fresh + " cascade");
                Flyway.configure().dataSource(url, user, password).schemas(fresh).defaultSchema(fresh)
                        .locations("db/platform", "db/migration").outOfOrder(true).load().migrate();
                execute(connection, "set search_path to " + fresh);
                connection.setAutoCommit(false);
                long started = System.nanoTime();
                try (KafkaConsumer<String, String> consumer = consumer()) {
                    List<TopicPartition> partitions = partitions(consumer);
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                    replay(connection, consumer, end, zone);
                    Log.infof("Dashboard rebuild replayed %d records (%d events) in %d ms; swapping",
                            status.get().recordsReplayed(), status.get().eventsProjected(),
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                    swap(connection, consumer, live, fresh, zone);
                }
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, JOB_LOCK);
                    unlock.execute();
                }
            }
        }
        Status s = status.get();
        set(new Status(State.DONE, s.startedAt(), OffsetDateTime.now(clock), s.recordsReplayed(),
                s.eventsProjected(), null));
    }

    /** Reads every partition up to {@code end}, applying and committing a batch at a time. */
    private void replay(Connection connection, KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end,
            ZoneId zone) throws SQLException {
        List<IncomingRecord> batch = new ArrayList<>(BATCH);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(tp)) {
                    batch.add(new IncomingRecord(record.topic(), record.partition(), record.offset(), record.key(),
                            record.value()));
                }
            }
            stopAt(consumer, end);
            if (batch.size() >= BATCH) {
                applyAndCommit(connection, batch, zone);
            }
        }
        applyAndCommit(connection, batch, zone);
    }

    private void applyAndCommit(Connection connection, List<IncomingRecord> batch, ZoneId zone) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long projected = apply(connection, batch, zone);
        connection.commit();
        Status s = status.get();
        set(new Status(s.state(), s.startedAt(), null, s.recordsReplayed() + batch.size(),
                s.eventsProjected() + projected, null));
        batch.clear();
    }

    /** Applies a batch in the connection's transaction; a batch with a bad record is applied record by record. */
    private long apply(Connection connection, List<IncomingRecord> batch, ZoneId zone) throws SQLException {
        java.sql.Savepoint before = connection.setSavepoint();
        try {
            return Projection.apply(connection, batch, mapper, zone, false).projected();
        } catch (RuntimeException e) {
            connection.rollback(before);
            return Projection.apply(connection, batch, mapper, zone, true).projected();
        }
    }

    /**
     * Holds the rebuild lock exclusively (live batches wait), applies the records the live projection saw after the
     * replay's end, and renames the schemas, in one transaction.
     */
    private void swap(Connection connection, KafkaConsumer<String, String> consumer, String live, String fresh,
            ZoneId zone) throws SQLException {
        Status s = status.get();
        set(new Status(State.SWAPPING, s.startedAt(), null, s.recordsReplayed(), s.eventsProjected(), null));
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LiveProjection.REBUILD_LOCK);
            lock.execute();
        }
        Map<TopicPartition, Long> liveOffsets = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery("select topic, partition, next_offset from " + live + ".applied_offset")) {
            while (r.next()) {
                liveOffsets.put(new TopicPartition(r.getString(1), r.getInt(2)), r.getLong(3));
            }
        }
        consumer.resume(consumer.assignment());
        for (TopicPartition tp : consumer.assignment()) {
            long target = liveOffsets.getOrDefault(tp, 0L);
            if (consumer.position(tp) >= target) {
                consumer.pause(List.of(tp));
            }
        }
        List<IncomingRecord> batch = new ArrayList<>();
        while (consumer.assignment().stream().anyMatch(tp -> consumer.position(tp) < liveOffsets.getOrDefault(tp, 0L))) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < liveOffsets.getOrDefault(tp, 0L)) {
                    batch.add(new IncomingRecord(record.topic(), record.partition(), record.offset(), record.key(),
                            record.value()));
                }
            }
            Map<TopicPartition, Long> targets = new HashMap<>();
            consumer.assignment().forEach(tp -> targets.put(tp, liveOffsets.getOrDefault(tp, 0L)));
            stopAt(consumer, targets);
        }
        long projected = batch.isEmpty() ? 0 : apply(connection, batch, zone);
        String replaced = live + "_replaced";
        execute(connection, "drop schema if exists " + replaced + " cascade");
        execute(connection, "alter schema " + live + " rename to " + replaced);
        execute(connection, "alter schema " + fresh + " rename to " + live);
        try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, LiveProjection.NOTIFY_CHANNEL); // every instance drops its cached figures at commit
            notify.setString(2, ChangeFeed.EVERY_COMMUNITY);
            notify.execute();
        }
        connection.commit();
        execute(connection, "drop schema if exists " + replaced + " cascade");
        connection.commit();
        Status after = status.get();
        set(new Status(State.SWAPPING, after.startedAt(), null, after.recordsReplayed() + batch.size(),
                after.eventsProjected() + projected, null));
    }

    /**
     * Pauses every partition that reached its target, and moves one that a poll carried past it back to the target:
     * the records beyond were not applied, and the swap's catch-up must read them.
     */
    private static void stopAt(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            TopicPartition tp = target.getKey();
            long position = consumer.position(tp);
            if (position > target.getValue()) {
                consumer.seek(tp, target.getValue());
            }
            if (position >= target.getValue() && !consumer.paused().contains(tp)) {
                consumer.pause(List.of(tp));
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.putAll(kafka.settings());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dashboard-rebuild");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
