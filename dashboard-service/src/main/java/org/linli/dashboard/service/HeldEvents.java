package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The events kept aside because a newer version of their type arrived before a release that reads it. */
@ApplicationScoped
public class HeldEvents {

    public record Held(String eventId, String type, String topic, int partition, long offset, String communityId,
            OffsetDateTime heldAt) {
    }

    private final AgroalDataSource dataSource;

    HeldEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Held> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select event_id, type, "
                + "topic, partition, record_offset, community_id, held_at from held_event order by held_at limit 500");
                ResultSet r = s.executeQuery()) {
            List<Held> held = new ArrayList<>();
            while (r.next()) {
                held.add(new Held(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getLong(5),
                        r.getString(6), r.getObject(7, OffsetDateTime.class)));
            }
            return held;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read held events", e);
        }
    }
}
