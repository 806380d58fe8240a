package org.linli.points;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.points.events.PointsEvents;

/** Every topic and event type points-service publishes is in the one event catalogue, docs/asyncapi.yaml. */
class EventCatalogueTest {

    @Test
    void everyPublishedTopicAndTypeIsDocumented() throws Exception {
        String catalogue = Files.readString(Path.of("..", "docs", "asyncapi.yaml"));
        List<String> missing = new ArrayList<>();
        for (Field field : PointsEvents.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                continue;
            }
            String value = (String) field.get(null);
            String expected = field.getName().equals("TOPIC") ? "address: " + value : "name: " + value;
            if (!catalogue.contains(expected)) {
                missing.add(field.getName() + " (" + value + ")");
            }
        }
        assertTrue(missing.isEmpty(), "not in docs/asyncapi.yaml: " + missing);
    }
}
