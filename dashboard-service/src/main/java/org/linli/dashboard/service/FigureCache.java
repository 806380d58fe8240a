package org.linli.dashboard.service;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The figures last read for a district or community and period, kept until an event changes one of its communities
 * (the change feed drops them before it tells any page) or {@link #MAX_AGE_MILLIS} passes (an open alert's age and
 * the quiet elders move with the clock). A wall screen and every officer's phone read the same few overviews, so most
 * reads are answered without a query.
 * <p>
 * A read that began before a change and ends after it is handed to its caller but not kept: every change takes a
 * number from one sequence, and figures are kept only if none of their communities changed since their read began
 * (else a read racing a commit would keep the old figures for {@link #MAX_AGE_MILLIS}).
 */
@ApplicationScoped
public class FigureCache {

    static final long MAX_AGE_MILLIS = 10_000;
    static final int MAX_ENTRIES = 2_000;

    record Key(String kind, String id, Object period, Integer quietDays) {
    }

    private record Entry(Object figures, long at, Set<String> communities) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Key, java.util.concurrent.CompletableFuture<Object>> reading = new ConcurrentHashMap<>();
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile long clearedAt;
    private final MeterRegistry registry;

    FigureCache(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The figures for {@code key}: cached ones while fresh, else read once however many requests ask at the same moment
     * (they wait for the one read instead of each querying: a wall of phones after an event must not stampede).
     */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, Collection<String> communities, Supplier<T> read) {
        long now = System.currentTimeMillis();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.at() < MAX_AGE_MILLIS) {
            registry.counter("linli.dashboard.figure.cache", "outcome", "hit").increment();
            return (T) entry.figures();
        }
        java.util.concurrent.CompletableFuture<Object> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Object> running = reading.putIfAbsent(key, mine);
        if (running != null) {
            registry.counter("linli.dashboard.figure.cache", "outcome", "joined").increment();
            try {
                return (T) running.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        registry.counter("linli.dashboard.figure.cache", "outcome", "miss").increment();
        long began = sequence.get();
        try {
            T figures = read.get();
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            Entry kept = new Entry(figures, now, Set.copyOf(communities));
            entries.put(key, kept);
            if (!unchangedSince(began, communities)) { // checked after the put: a change in between removes it or is seen
                entries.remove(key, kept);
            }
            mine.complete(figures);
            return figures;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(key, mine);
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

    /** Forgets every figure (a rebuild swapped the read model). */
    public void clear() {
        clearedAt = sequence.incrementAndGet();
        entries.clear();
    }

    /** Forgets every figure that covers one of these communities (called once they are committed). */
    public void changed(Collection<String> communities) {
        long at = sequence.incrementAndGet();
        communities.forEach(community -> changedAt.put(community, at));
        entries.entrySet().removeIf(e -> e.getValue().communities().stream().anyMatch(communities::contains));
    }
}
