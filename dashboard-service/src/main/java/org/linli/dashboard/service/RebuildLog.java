package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Every rebuild's progress in {@code dashboard_ops.rebuild_run}, which no rebuild replaces: any instance answers where
 * the deployment's rebuild stands, and refuses a second one while the first is alive (it writes at least once a batch;
 * a run silent for {@link #SILENCE} died with its instance and no longer blocks).
 */
@ApplicationScoped
public class RebuildLog {

    static final Duration SILENCE = Duration.ofMinutes(2);

    private final AgroalDataSource dataSource;

    RebuildLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The latest run, if there was one. */
    public Optional<Rebuild.Status> latest() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select state, started_at, "
                + "finished_at, records_replayed, events_projected, failure, updated_at from dashboard_ops.rebuild_run "
                // a run alive anywhere comes first (a second one refused on another instance must not hide it)
                + "order by (state in ('REPLAYING', 'SWAPPING') and updated_at > now() - interval '2 minutes') desc, "
                + "started_at desc limit 1"); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            Rebuild.State state = Rebuild.State.valueOf(r.getString(1));
            OffsetDateTime updated = r.getObject(7, OffsetDateTime.class);
            String failure = r.getString(6);
            if ((state == Rebuild.State.REPLAYING || state == Rebuild.State.SWAPPING)
                    && updated.isBefore(OffsetDateTime.now().minus(SILENCE))) {
                state = Rebuild.State.FAILED;
                failure = "the instance running it stopped answering; the live figures are unchanged";
            }
            return Optional.of(new Rebuild.Status(state, r.getObject(2, OffsetDateTime.class),
                    r.getObject(3, OffsetDateTime.class), r.getLong(4), r.getLong(5), failure));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rebuild log", e);
        }
    }

    /** Whether a rebuild is running somewhere in the deployment. */
    public boolean running() {
        return latest().map(s -> s.state() == Rebuild.State.REPLAYING || s.state() == Rebuild.State.SWAPPING)
                .orElse(false);
    }

    void save(UUID run, Rebuild.Status status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("insert into "
                + "dashboard_ops.rebuild_run (run_id, state, started_at, finished_at, records_replayed, events_projected, "
                + "failure, updated_at) values (?, ?, ?, ?, ?, ?, ?, now()) on conflict (run_id) do update set "
                + "state = excluded.state, finished_at = excluded.finished_at, records_replayed = excluded.records_replayed, "
                + "events_projected = excluded.events_projected, failure = excluded.failure, updated_at = now()")) {
            s.setObject(1, run);
            s.setString(2, status.state().name());
            s.setObject(3, status.startedAt());
            s.setObject(4, status.finishedAt());
            s.setLong(5, status.recordsReplayed());
            s.setLong(6, status.eventsProjected());
            String failure = status.failure();
            s.setString(7, failure == null ? null : failure.substring(0, Math.min(500, failure.length())));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the rebuild log", e);
        }
    }
}
