package org.linli.resident;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.resident.events.CareAlertEvents;
import org.linli.resident.events.FamilyLinkEvents;
import org.linli.resident.events.NeedEvents;
import org.linli.resident.events.ResidentEvents;
import org.linli.resident.events.VolunteerEvents;

/** Every topic and event type resident-service publishes is in the one event catalogue, docs/asyncapi.yaml. */
class EventCatalogueTest {

    @Test
    void everyPublishedTopicAndTypeIsDocumented() throws Exception {
        String catalogue = Files.readString(Path.of("..", "docs", "asyncapi.yaml"));
        List<String> missing = new ArrayList<>();
        for (Class<?> events : List.of(ResidentEvents.class, VolunteerEvents.class, CareAlertEvents.class, NeedEvents.class,
                FamilyLinkEvents.class)) {
            for (Field field : events.getFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                    continue;
                }
                String value = (String) field.get(null);
                boolean topic = field.getName().equals("TOPIC");
                String expected = topic ? "address: " + value : "name: " + value;
                if (!catalogue.contains(expected)) {
                    missing.add(events.getSimpleName() + "." + field.getName() + " (" + value + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "not in docs/asyncapi.yaml: " + missing);
    }
}
