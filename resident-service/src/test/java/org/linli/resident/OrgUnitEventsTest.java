package org.linli.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.resident.events.OrgUnitEvents;
import org.linli.resident.events.ResidentEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** What a district dashboard learns of the organisation and of a resident: names of places, flags, never people. */
@QuarkusTest
class OrgUnitEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTreeAboveTheBuildingsIsPublishedWithItsNamesAndAResidentCarriesTheStreetAndTheOver80Flag() throws Exception {
        try (TopicProbe topic = TopicProbe.tail(ResidentEvents.TOPIC)) {
            TestCommunity community = TestCommunity.create();
            List<ConsumerRecord<String, String>> units = topic.await(r -> r.value().contains(OrgUnitEvents.CHANGED)
                    && r.value().contains(community.district()), 4, Duration.ofSeconds(30));
            java.util.Map<String, JsonNode> byKind = new java.util.TreeMap<>();
            units.forEach(r -> byKind.put(data(r).path("kind").asText(), data(r)));
            assertEquals(java.util.Set.of("DISTRICT", "SUBDISTRICT", "COMMUNITY", "GRID"), byKind.keySet());
            assertEquals(List.of(), topic.during(Duration.ofSeconds(2), r -> r.value().contains(OrgUnitEvents.CHANGED)
                    && r.value().contains(community.district()) && !units.contains(r)), "buildings and units are addresses");
            JsonNode garden = byKind.get("COMMUNITY");
            assertEquals("长山花园社区", garden.path("name").asText());
            assertEquals(community.code(), garden.path("communityId").asText());
            String street = byKind.get("SUBDISTRICT").path("code").asText();
            assertEquals(street, garden.path("subDistrictId").asText());

            String born = LocalDate.now().minusYears(82).toString();
            String id = community.register(RegistryTest.elder("周桂英", born, ""));
            JsonNode registered = data(topic.await(r -> id.equals(r.key())
                    && r.value().contains(ResidentEvents.REGISTERED), 1, Duration.ofSeconds(30)).get(0));
            assertTrue(registered.path("aged80Plus").asBoolean());
            assertEquals("AGED_75_84", registered.path("ageBand").asText(), "the band alone would not tell");
            assertEquals(street, registered.path("subDistrictId").asText());
            assertFalse(registered.toString().contains("周桂英") || registered.toString().contains(born),
                    "no name, no birth date");
        }
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
