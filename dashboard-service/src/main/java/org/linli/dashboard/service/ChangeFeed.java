package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Tells open pages which communities' figures changed. Every instance LISTENs on PostgreSQL for the notices that
 * projection batches send at commit, so a page learns of an event whichever instance consumed it, and only after its
 * figures are committed. Notices are gathered and passed on at most once per {@code linli.dashboard.change-interval}.
 */
@ApplicationScoped
public class ChangeFeed {

    /** What a rebuild's swap announces: every figure may have changed. */
    public static final String EVERY_COMMUNITY = "*";

    private final BroadcastProcessor<Set<String>> changes = BroadcastProcessor.create();
    private final String url;
    private final String user;
    private final String password;
    private final Duration interval;
    private final FigureCache cache;
    private volatile boolean running = true;
    private Thread listener;

    ChangeFeed(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password, DashboardConfig config,
            FigureCache cache) {
        this.cache = cache;
        this.url = url;
        this.user = user.orElse(null);
        this.password = password.orElse(null);
        this.interval = config.changeInterval();
    }

    void start(@Observes StartupEvent startup) {
        listener = new Thread(this::listen, "dashboard-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        changes.onComplete();
    }

    /** The communities changed since the last signal, as sets; hot: a subscriber sees what happens after it joined. */
    public Multi<Set<String>> changes() {
        return changes;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("listen " + LiveProjection.NOTIFY_CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                Set<String> gathered = new TreeSet<>();
                long lastSignal = 0;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) interval.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            for (String community : notification.getParameter().split(",")) {
                                if (!community.isBlank()) {
                                    gathered.add(community);
                                }
                            }
                        }
                    }
                    long now = System.nanoTime();
                    if (!gathered.isEmpty() && now - lastSignal >= interval.toNanos()) {
                        // figures read lately are read again before any page is told, so that what it reads next is fresh
                        if (gathered.contains(EVERY_COMMUNITY)) {
                            cache.clear();
                        } else {
                            cache.changed(gathered);
                        }
                        changes.onNext(Set.copyOf(gathered));
                        gathered.clear();
                        lastSignal = now;
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    Log.warnf("The dashboard's change feed lost PostgreSQL (%s); listening again in 2 s", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
