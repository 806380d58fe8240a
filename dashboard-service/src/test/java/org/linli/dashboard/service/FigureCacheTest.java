package org.linli.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The figure cache reads changed figures again before anyone asks, hands out old ones while it reads them again, and
 * never keeps figures read across a change to their community.
 */
class FigureCacheTest {

    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
    private final FigureCache cache = new FigureCache(new SimpleMeterRegistry(), now::get);
    private final FigureCache.Key garden = new FigureCache.Key("community", "garden", "2026-12", 3);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aSecondReadIsAnsweredFromTheCacheUntilItsCommunityChanges() {
        assertEquals(1, read("garden"));
        assertEquals(1, read("garden"), "fresh figures are not read again");
        cache.changed(Set.of("the-lane"));
        assertEquals(1, read("garden"), "another community's change leaves them");
        cache.changed(Set.of("garden"));
        assertEquals(2, read("garden"));
    }

    @Test
    void aChangeReadsTheFiguresAgainBeforeAnyoneAsksSoTheNextReaderDoesNotWait() {
        assertEquals(1, read("garden"));
        cache.changed(Set.of("garden"));
        assertEquals(2, reads.get(), "read again by the change itself");
        assertEquals(2, read("garden"));
        assertEquals(2, reads.get(), "the reader was answered without a read");
    }

    @Test
    void figuresNobodyReadLatelyAreForgottenOnAChangeNotReadAgain() {
        read("garden");
        now.addAndGet(FigureCache.KEEP_WARM_MILLIS + 1);
        cache.changed(Set.of("garden"));
        assertEquals(1, reads.get(), "no read for figures nobody looks at");
        assertEquals(2, read("garden"), "the next reader reads them");
    }

    @Test
    void oldFiguresAreHandedOutAtOnceAndReadAgainInTheBackground() throws InterruptedException {
        read("garden");
        now.addAndGet(FigureCache.MAX_AGE_MILLIS);
        assertEquals(1, read("garden"), "the old figures, without waiting");
        for (int i = 0; i < 100 && reads.get() < 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(2, reads.get(), "read again in the background");
        for (int i = 0; i < 100 && read("garden") != 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(2, read("garden"));
        assertEquals(2, reads.get(), "once, however many asked");
    }

    @Test
    void figuresReadWhileTheirCommunityChangedAreHandedOutButNotKept() {
        // the read began before the change committed and ends after the change was announced
        int stale = cache.get(garden, List.of("garden"), () -> {
            int n = reads.incrementAndGet();
            cache.changed(Set.of("garden"));
            return n;
        });
        assertEquals(1, stale);
        assertEquals(2, read("garden"), "the next request reads again instead of the figures from before the change");
        assertEquals(2, read("garden"));
    }

    @Test
    void aRebuildForgetsEverything() {
        read("garden");
        cache.clear();
        assertEquals(2, read("garden"));
        cache.clear();
        int stale = cache.get(garden, List.of("garden"), () -> {
            int n = reads.incrementAndGet();
            cache.clear(); // a rebuild's swap while the figures were being read
            return n;
        });
        assertEquals(3, stale);
        assertEquals(4, read("garden"));
    }

    private int read(String community) {
        return cache.get(garden, List.of(community), reads::incrementAndGet);
    }
}
