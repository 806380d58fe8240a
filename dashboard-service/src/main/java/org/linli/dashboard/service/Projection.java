package org.linli.dashboard.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies a batch of records to the read model on one connection, in the caller's transaction: the live consumer and a
 * rebuild share it. Invariants, per batch:
 * <ul>
 * <li>an event id is projected at most once (the platform's inbox table, consumer {@value #CONSUMER}, in the same
 * transaction as the figures it moved), so redelivery and a topic holding an event twice change nothing;</li>
 * <li>records of one partition are applied in offset order, and {@code applied_offset} moves with them;</li>
 * <li>a record that is not a CloudEvent, or of a type this system does not publish, is returned as a dead letter and
 * moves nothing; a newer version of a known type is noted in {@code held_event} (where it lies, not its payload) and
 * moves nothing.</li>
 * </ul>
 */
public final class Projection {

    public static final String CONSUMER = "dashboard";

    /** A record the projection could not use, and why (the reason names fields, never values). */
    public record DeadLetter(IncomingRecord record, String reason) {
    }

    /** What a batch did. */
    public record Outcome(int projected, int duplicates, int held, List<DeadLetter> deadLetters, Set<String> communities) {
    }

    private Projection() {
    }

    /**
     * Applies {@code records} in the connection's current transaction. Fast mode ({@code careful} false) lets a payload
     * that turns out malformed half way through fail the whole batch; careful mode sets a savepoint per event and
     * returns such an event as a dead letter instead (for a batch retried record by record).
     */
    public static Outcome apply(Connection connection, List<IncomingRecord> records, ObjectMapper mapper, ZoneId zone,
            boolean careful) throws SQLException {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<IncomingRecord> usable = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        Map<String, Long> nextOffsets = new HashMap<>();
        int held = 0;
        for (IncomingRecord record : records) {
            nextOffsets.merge(record.topic() + "\u0000" + record.partition(), record.offset() + 1, Math::max);
            CloudEvent event;
            try {
                if (record.value() == null) {
                    throw new MalformedEventException("empty record");
                }
                event = CloudEvent.parse(record.value(), mapper);
            } catch (MalformedEventException e) {
                deadLetters.add(new DeadLetter(record, e.getMessage()));
                continue;
            }
            switch (EventCatalogue.verdict(event.type())) {
                case PROJECT -> {
                    usable.add(record);
                    events.add(event);
                }
                case HOLD -> held += hold(connection, record, event);
                case DEAD_LETTER -> deadLetters.add(new DeadLetter(record, "unknown event type " + event.type()));
            }
        }
        Set<String> fresh = remember(connection, events);
        Projector projector = new Projector(connection, zone);
        int projected = 0;
        int duplicates = 0;
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i);
            if (!fresh.remove(event.id())) {
                duplicates++; // seen before, or twice in this batch
                continue;
            }
            if (!careful) {
                projector.project(event); // a malformed payload fails the batch; the caller retries it record by record
                projected++;
                continue;
            }
            execute(connection, "savepoint dashboard_event");
            try {
                projector.project(event);
                execute(connection, "release savepoint dashboard_event");
                projected++;
            } catch (MalformedEventException e) {
                // plain SQL: a pooled connection enlisted in a JTA transaction refuses Connection.rollback(Savepoint)
                execute(connection, "rollback to savepoint dashboard_event");
                forget(connection, event.id());
                deadLetters.add(new DeadLetter(usable.get(i), e.getMessage()));
            }
        }
        projector.flush();
        storeOffsets(connection, nextOffsets);
        return new Outcome(projected, duplicates, held, deadLetters, projector.changedCommunities());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Records the batch's event ids in the inbox; returns those not seen before. */
    private static Set<String> remember(Connection connection, List<CloudEvent> events) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (events.isEmpty()) {
            return fresh;
        }
        String[] ids = events.stream().map(CloudEvent::id).toArray(String[]::new);
        String[] types = events.stream().map(CloudEvent::type).toArray(String[]::new);
        try (PreparedStatement s = connection.prepareStatement("insert into inbox_event (consumer, event_id, event_type) "
                + "select ?, id, type from unnest(?::varchar[], ?::varchar[]) as e(id, type) "
                + "on conflict do nothing returning event_id")) {
            s.setString(1, CONSUMER);
            Array idArray = connection.createArrayOf("varchar", ids);
            s.setArray(2, idArray);
            s.setArray(3, connection.createArrayOf("varchar", types));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fresh.add(r.getString(1));
                }
            }
        }
        return fresh;
    }

    private static void forget(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("delete from inbox_event where consumer = ? and event_id = ?")) {
            s.setString(1, CONSUMER);
            s.setString(2, eventId);
            s.executeUpdate();
        }
    }

    private static int hold(Connection connection, IncomingRecord record, CloudEvent event) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("insert into held_event (event_id, type, topic, partition, "
                + "record_offset, community_id) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            s.setString(1, event.id());
            s.setString(2, event.type());
            s.setString(3, record.topic());
            s.setInt(4, record.partition());
            s.setLong(5, record.offset());
            s.setString(6, event.communityId());
            return s.executeUpdate();
        }
    }

    private static void storeOffsets(Connection connection, Map<String, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("insert into applied_offset (topic, partition, next_offset) "
                + "values (?, ?, ?) on conflict (topic, partition) do update "
                + "set next_offset = greatest(applied_offset.next_offset, excluded.next_offset)")) {
            for (Map.Entry<String, Long> entry : nextOffsets.entrySet()) {
                String[] topicPartition = entry.getKey().split("\u0000");
                s.setString(1, topicPartition[0]);
                s.setInt(2, Integer.parseInt(topicPartition[1]));
                s.setLong(3, entry.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
