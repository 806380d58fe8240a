package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The browser tests' common ground: the whole system with Changshan Garden's story ({@link ChangshanGarden}) started
 * once per test class, its people and tokens at hand, and axe-core's findings on every screen the tests pass, checked
 * once they have all run.
 */
abstract class InChangshanGarden {

    static final String COMMUNITY = ChangshanGarden.COMMUNITY;
    static final Duration PATIENCE = ChangshanGarden.PATIENCE;

    /** What axe-core found on each screen (serious and critical only). */
    static final Map<String, List<String>> inaccessible = new java.util.concurrent.ConcurrentSkipListMap<>();
    static ChangshanGarden garden;
    static URI app;
    static ServiceApi residents;
    static ServiceApi points;
    static ServiceApi canteen;
    static CommunityGenerator.Layout layout;
    static CommunityGenerator.Story story;
    static String worker;
    static String staff;

    @BeforeAll
    static void startTheSystemWithChangshanGarden() {
        garden = ChangshanGarden.start("browser-logs-" + ProcessHandle.current().pid());
        app = garden.app;
        residents = garden.residents;
        points = garden.points;
        canteen = garden.canteen;
        layout = garden.layout;
        story = garden.story;
        worker = garden.worker;
        staff = garden.staff;
    }

    @AfterAll
    static void everyScreenPassedAxe() {
        assertEquals(Map.of(), inaccessible, "serious or critical accessibility violations (axe-core)");
    }

    @AfterAll
    static void stopTheSystem() {
        if (garden != null) {
            garden.close();
        }
    }
}
