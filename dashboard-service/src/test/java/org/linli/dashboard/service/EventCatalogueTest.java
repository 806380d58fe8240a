package org.linli.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every event type docs/asyncapi.yaml documents is one this release knows (projected, or deliberately passed over), so
 * a type a producer adds to the contract (settlement.closed.v1) never lands in the dashboard's dead-letter topic.
 */
class EventCatalogueTest {

    @Test
    void everyDocumentedEventTypeIsKnownAndNothingElseIs() throws Exception {
        String catalogue = Files.readString(Path.of("..", "docs", "asyncapi.yaml"));
        Matcher names = Pattern.compile("(?m)^      name: ([a-z][a-z-]*(?:\\.[a-z][a-z-]*)+\\.v\\d+)\\s*$").matcher(catalogue);
        List<String> documented = names.results().map(m -> m.group(1)).toList();
        assertTrue(documented.contains("settlement.closed.v1"), documented.toString());
        List<String> unknown = documented.stream()
                .filter(type -> EventCatalogue.verdict(type) != EventCatalogue.Verdict.PROJECT).toList();
        assertEquals(List.of(), unknown, "documented in docs/asyncapi.yaml but dead-lettered by the dashboard");
        assertEquals(EventCatalogue.Verdict.DEAD_LETTER, EventCatalogue.verdict("parcel.dropped.v1"));
    }
}
