package org.linli.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.linli.platform.json.UtcTimestamps;
import org.linli.platform.testapp.Stamp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The community clock: the community's zone, and "now" as precise as PostgreSQL keeps it, not more. */
@QuarkusTest
class CommunityClockTest {

    @Inject
    Clock clock;

    @Test
    void theClockRunsOnTheCommunitysTimeZone() {
        assertEquals(ZoneId.of("Asia/Shanghai"), clock.getZone());
    }

    @Test
    void theClockTicksInWholeMicroseconds() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, clock.instant().getNano() % 1_000, "no nanoseconds beyond the microsecond");
        }
    }

    @Test
    void aMomentFromTheClockIsExactlyWhatPostgresqlStores() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime stored = storeAndReadBack(now);
        assertTrue(now.isEqual(stored), now + " was stored as " + stored);
        assertEquals(UtcTimestamps.format(now), UtcTimestamps.format(stored));
    }

    @Test
    void aMomentWithNanosecondsIsWrittenAsPostgresqlStoresIt() {
        for (String at : new String[] { "2026-12-01T08:12:27.02736131+08:00", "2026-12-01T08:12:27.0273615+08:00",
                "2026-12-01T08:12:59.9999996+08:00" }) {
            OffsetDateTime inMemory = OffsetDateTime.parse(at);
            OffsetDateTime stored = storeAndReadBack(inMemory);
            assertEquals(UtcTimestamps.toMicros(inMemory.toInstant()), stored.toInstant(), at);
            assertEquals(UtcTimestamps.format(inMemory), UtcTimestamps.format(stored), at);
        }
    }

    private static OffsetDateTime storeAndReadBack(OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Stamp stamp = new Stamp();
            stamp.id = id;
            stamp.at = at;
            stamp.persist();
        });
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant stored = ((Stamp) Stamp.findById(id)).at.toInstant(); // from PostgreSQL, not the session
            return OffsetDateTime.ofInstant(stored, java.time.ZoneOffset.UTC);
        });
    }
}
