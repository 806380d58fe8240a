package org.linli.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** The one way a Linli timestamp is written: RFC 3339, UTC, seconds always, microseconds at most. */
class UtcTimestampsTest {

    @Test
    void aTimeOnTheMinuteStillCarriesItsSeconds() {
        assertEquals("2026-11-23T06:15:00Z", UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T14:15+08:00")));
        assertEquals("2026-11-23T00:00:00Z", UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T00:00Z")));
    }

    @Test
    void theFractionIsWrittenInGroupsOfThreeUpToMicroseconds() {
        assertEquals("2026-11-23T06:15:53Z", UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T06:15:53.000Z")));
        assertEquals("2026-11-23T06:15:53.458Z", UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T06:15:53.458Z")));
        assertEquals("2026-11-23T06:15:53.450Z", UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T06:15:53.45Z")));
        assertEquals("2026-11-23T06:15:53.458123Z",
                UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T06:15:53.458123Z")));
    }

    @Test
    void nanosecondsAreRoundedToTheMicrosecondAsPostgresqlStoresThem() {
        assertEquals("2026-12-01T00:12:27.027361Z",
                UtcTimestamps.format(OffsetDateTime.parse("2026-12-01T08:12:27.02736131+08:00")));
        assertEquals("2026-12-01T00:12:27.027361Z",
                UtcTimestamps.format(OffsetDateTime.parse("2026-12-01T00:12:27.027361499Z")));
        assertEquals("2026-12-01T00:12:27.027362Z",
                UtcTimestamps.format(OffsetDateTime.parse("2026-12-01T00:12:27.0273615Z")));
        assertEquals("2026-12-01T00:13:00Z", UtcTimestamps.format(OffsetDateTime.parse("2026-12-01T00:12:59.9999995Z")),
                "rounding carries into the seconds and minutes");
    }

    @Test
    void oneInstantIsOneTextWhateverItsOffset() {
        String utc = UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T06:15:53.458123Z"));
        assertEquals(utc, UtcTimestamps.format(OffsetDateTime.parse("2026-11-23T14:15:53.458123+08:00")));
        assertEquals(utc, UtcTimestamps.format(OffsetDateTime.parse("2026-11-22T20:15:53.458123-10:00")));
        assertEquals(utc, UtcTimestamps.format(Instant.parse("2026-11-23T06:15:53.458123Z")));
    }

    public record Times(OffsetDateTime at, Instant instant) {
    }

    @Test
    void jacksonWritesItsRuleEvenWithJavaTimeModuleRegisteredFirst() throws Exception {
        UtcTimestamps customizer = new UtcTimestamps();
        assertTrue(customizer.priority() < ObjectMapperCustomizer.QUARKUS_CUSTOMIZER_PRIORITY,
                "customizes after Quarkus has registered Jackson's JavaTimeModule");
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()); // as Quarkus does, first
        customizer.customize(mapper);
        assertEquals("{\"at\":\"2026-11-23T06:15:00Z\",\"instant\":\"2026-11-23T06:15:53.458123Z\"}",
                mapper.writeValueAsString(new Times(OffsetDateTime.parse("2026-11-23T14:15+08:00"),
                        Instant.parse("2026-11-23T06:15:53.458123Z"))));
    }
}
