package org.linli.dashboard.service;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The figures last read for a district or community and period, kept fresh ahead of the people reading them. A wall
 * screen and every officer's phone read the same few overviews, a district's costs a few hundred milliseconds of
 * queries, and events change it several times a second at lunch: so readers are answered from here and never wait for
 * a query once an overview has been read.
 * <ul>
 * <li><b>A change</b> ({@link #changed}, called by the change feed once the projection committed) reads again, at once
 * and before any page is told, the figures someone read in the last {@link #KEEP_WARM_MILLIS}; the others are dropped.
 * Until the new figures are in, readers get the ones from before the change: figures are never older than the change
 * interval plus one read.</li>
 * <li><b>The clock</b> moves an open alert's age and the quiet elders: figures older than {@link #MAX_AGE_MILLIS} are
 * still handed out, and read again in the background (one read per figures however many ask).</li>
 * <li><b>A first read</b> is made once however many requests ask at the same moment (they wait for the one read).
 * Figures whose read began before a change to one of their communities and ended after it are handed to their
 * caller but not kept: every change takes a number from one sequence.</li>
 * <li>A rebuild's swap ({@link #clear}) forgets everything.</li>
 * </ul>
 */
@ApplicationScoped
public class FigureCache {

    static final long MAX_AGE_MILLIS = 10_000;
    static final long KEEP_WARM_MILLIS = 60_000;
    static final int MAX_ENTRIES = 2_000;

    record Key(String kind, String id, Object period, Integer quietDays) {
    }

    private static final class Entry {
        final Object figures;
        final long at;
        final Set<String> communities;
        final Supplier<?> read;
        volatile long lastRead;

        Entry(Object figures, long at, Set<String> communities, Supplier<?> read) {
            this.figures = figures;
            this.at = at;
            this.communities = communities;
            this.read = read;
            this.lastRead = at;
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Object>> reading = new ConcurrentHashMap<>();
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long clearedAt;
    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final ExecutorService background;

    @Inject
    FigureCache(MeterRegistry registry) {
        this(registry, System::currentTimeMillis);
    }

    FigureCache(MeterRegistry registry, LongSupplier clock) {
        this.registry = registry;
        this.clock = clock;
        this.background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dashboard-figure-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** The figures for {@code key}: kept ones (read again in the background when old), else read once for everyone. */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, Collection<String> communities, Supplier<T> read) {
        long now = clock.getAsLong();
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.lastRead = now;
            if (now - entry.at >= MAX_AGE_MILLIS && refreshing.add(key)) {
                background.execute(() -> {
                    try {
                        refresh(key, entry);
                    } finally {
                        refreshing.remove(key);
                    }
                });
            }
            registry.counter("linli.dashboard.figure.cache", "outcome", "hit").increment();
            return (T) entry.figures;
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = reading.putIfAbsent(key, mine);
        if (running != null) {
            registry.counter("linli.dashboard.figure.cache", "outcome", "joined").increment();
            try {
                return (T) running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        registry.counter("linli.dashboard.figure.cache", "outcome", "miss").increment();
        long began = sequence.get();
        try {
            T figures = read.get();
            keep(key, new Entry(figures, now, Set.copyOf(communities), read), began);
            mine.complete(figures);
            return figures;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(key, mine);
        }
    }

    /** Forgets every figure (a rebuild swapped the read model). */
    public void clear() {
        clearedAt = sequence.incrementAndGet();
        entries.clear();
    }

    /**
     * These communities' figures changed (and are committed): figures read lately that cover one of them are read again
     * now, on the caller's thread, the rest are forgotten.
     */
    public void changed(Collection<String> communities) {
        long at = sequence.incrementAndGet();
        communities.forEach(community -> changedAt.put(community, at));
        long now = clock.getAsLong();
        for (Map.Entry<Key, Entry> kept : entries.entrySet()) {
            Entry entry = kept.getValue();
            if (entry.communities.stream().noneMatch(communities::contains)) {
                continue;
            }
            if (now - entry.lastRead > KEEP_WARM_MILLIS) {
                entries.remove(kept.getKey(), entry);
            } else {
                refresh(kept.getKey(), entry);
            }
        }
    }

    /** Reads {@code entry}'s figures again and keeps them in its place (unless a change or a clear overtook the read). */
    private void refresh(Key key, Entry entry) {
        long began = sequence.get();
        long now = clock.getAsLong();
        try {
            Entry fresh = new Entry(entry.read.get(), now, entry.communities, entry.read);
            fresh.lastRead = entry.lastRead;
            if (entries.replace(key, entry, fresh) && !unchangedSince(began, entry.communities)) {
                entries.remove(key, fresh); // read across a later change: the next reader reads again
            }
            registry.counter("linli.dashboard.figure.cache", "outcome", "refreshed").increment();
        } catch (RuntimeException e) {
            entries.remove(key, entry); // the next reader reads (and sees the error) itself
            Log.warnf("The dashboard's figures could not be read again (%s); dropped", e.getMessage());
        }
    }

    private void keep(Key key, Entry kept, long began) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, kept);
        if (!unchangedSince(began, kept.communities)) { // checked after the put: a change in between removes it or is seen
            entries.remove(key, kept);
        }
    }

    private boolean unchangedSince(long began, Collection<String> communities) {
        if (clearedAt > began) {
            return false;
        }
        for (String community : communities) {
            if (changedAt.getOrDefault(community, 0L) > began) {
                return false;
            }
        }
        return true;
    }
}
