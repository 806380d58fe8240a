package org.linli.partner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * settlement.closed.v1 reaches the community's canteen operators whole and each sponsor with its own part only: bank A
 * sees its meals and share and nothing of bank B's, bank B nothing of A's, a bank that sponsored nothing receives
 * nothing, and an operator of another community nothing.
 */
@QuarkusTest
class SettlementWebhookTest {

    static final Duration WAIT = Duration.ofSeconds(45);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "settlement.closed.v1";

    @Test
    void theOperatorReceivesTheWholeSettlementAndEachSponsorOnlyItsOwnPart() throws Exception {
        String community = Gateway.community("settled");
        String elsewhere = Gateway.community("elsewhere");
        String bankA = Gateway.register("BANK", List.of(community), List.of(TYPE));
        String bankB = Gateway.register("BANK", List.of(community), List.of(TYPE));
        String idle = Gateway.register("BANK", List.of(community), List.of(TYPE));
        String operator = Gateway.register("CANTEEN_OPERATOR", List.of(community), List.of(TYPE, "meal.served.v1"));
        String otherOperator = Gateway.register("CANTEEN_OPERATOR", List.of(elsewhere), List.of(TYPE));
        try (PartnerEndpoint a = PartnerEndpoint.start(); PartnerEndpoint b = PartnerEndpoint.start();
                PartnerEndpoint none = PartnerEndpoint.start(); PartnerEndpoint kitchen = PartnerEndpoint.start();
                PartnerEndpoint otherKitchen = PartnerEndpoint.start()) {
            Gateway.Subscribed subscriptionA = Gateway.subscribe(bankA, a.url(), List.of(TYPE));
            Gateway.subscribe(bankB, b.url(), List.of(TYPE));
            Gateway.subscribe(idle, none.url(), List.of(TYPE));
            Gateway.Subscribed kitchenSubscription = Gateway.subscribe(operator, kitchen.url(), List.of(TYPE));
            Gateway.subscribe(otherOperator, otherKitchen.url(), List.of(TYPE));

            String eventId = UUID.randomUUID().toString();
            Gateway.send(Gateway.CANTEEN, community, closed(eventId, community, bankA, bankB));

            await().atMost(WAIT).until(() -> a.accepted().size() >= 1 && b.accepted().size() >= 1
                    && kitchen.accepted().size() >= 1);
            Thread.sleep(3000); // long enough for anything else to arrive
            assertEquals(1, a.all().size());
            assertEquals(1, b.all().size());
            assertEquals(1, kitchen.all().size());
            assertEquals(List.of(), none.all(), "a bank that sponsored none of the meals receives nothing");
            assertEquals(List.of(), otherKitchen.all(), "another community's operator receives nothing");
            assertTrue(PartnerEndpoint.verifies(subscriptionA.secret(), a.all().get(0)));
            assertTrue(PartnerEndpoint.verifies(kitchenSubscription.secret(), kitchen.all().get(0)));

            JsonNode whole = JSON.readTree(kitchen.all().get(0).body());
            assertEquals(TYPE, whole.get("type").asText());
            assertEquals(eventId, whole.get("eventId").asText());
            JsonNode data = whole.get("data");
            assertEquals(Set.of("communityId", "period", "kind", "from", "to", "meals", "dineIn", "delivered",
                    "missedDeliveries", "totalFen", "elderPaidFen", "subsidyFen", "sponsorFen", "sponsors", "closedAt"),
                    fields(data), "the operator receives the whole settlement and nothing else");
            assertEquals(58, data.get("meals").asLong());
            assertEquals(40600, data.get("totalFen").asLong());
            assertEquals(2, data.get("sponsors").size());
            assertEquals(Set.of("sponsorId", "meals", "sponsorFen"), fields(data.get("sponsors").get(0)));

            JsonNode partA = JSON.readTree(a.all().get(0).body()).get("data");
            assertEquals(Set.of("communityId", "period", "kind", "from", "to", "meals", "closedAt", "sponsors"),
                    fields(partA), "a sponsor sees the period, the canteen's meal count and its own part");
            assertEquals("2026-11", partA.get("period").asText());
            assertEquals("MONTH", partA.get("kind").asText());
            assertEquals(1, partA.get("sponsors").size());
            assertEquals(bankA, partA.at("/sponsors/0/sponsorId").asText());
            assertEquals(40, partA.at("/sponsors/0/meals").asLong());
            assertEquals(12000, partA.at("/sponsors/0/sponsorFen").asLong());
            String bodyA = a.all().get(0).body();
            assertFalse(bodyA.contains(bankB) || bodyA.contains(":9000") || bodyA.contains("totalFen")
                    || bodyA.contains("elderPaidFen") || bodyA.contains("subsidyFen"), "nothing of bank B's: " + bodyA);

            JsonNode partB = JSON.readTree(b.all().get(0).body()).get("data");
            assertEquals(1, partB.get("sponsors").size());
            assertEquals(bankB, partB.at("/sponsors/0/sponsorId").asText());
            assertEquals(9000, partB.at("/sponsors/0/sponsorFen").asLong());
            assertFalse(b.all().get(0).body().contains(bankA) || b.all().get(0).body().contains(":12000"),
                    "nothing of bank A's");
            for (PartnerEndpoint endpoint : List.of(a, b, kitchen)) {
                String body = endpoint.all().get(0).body();
                assertFalse(body.contains("dinerIds") || body.contains("13800138000") || body.contains("contact"),
                        "a producer's mistaken field never leaves Linli: " + body);
            }
        }
    }

    /** settlement.closed.v1 as canteen-service publishes it (keyed by community), with fields partners must not see. */
    private static String closed(String eventId, String community, String bankA, String bankB) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("communityId", community);
        data.put("period", "2026-11");
        data.put("kind", "MONTH");
        data.put("from", "2026-11-01");
        data.put("to", "2026-11-30");
        data.put("meals", 58);
        data.put("dineIn", 51);
        data.put("delivered", 7);
        data.put("missedDeliveries", 1);
        data.put("totalFen", 40600);
        data.put("elderPaidFen", 19400);
        data.put("subsidyFen", 200);
        data.put("sponsorFen", 21000);
        List<Map<String, Object>> sponsors = new ArrayList<>();
        sponsors.add(Map.of("sponsorId", bankA, "meals", 40, "sponsorFen", 12000));
        sponsors.add(Map.of("sponsorId", bankB, "meals", 18, "sponsorFen", 9000, "contact", "13800138000"));
        data.put("sponsors", sponsors);
        data.put("closedAt", "2026-11-30T18:00:00Z");
        data.put("dinerIds", List.of(UUID.randomUUID().toString())); // a producer's mistake: must never reach a partner
        return TestEvents.cloudEvent(eventId, "/linli/canteen-service", TYPE, "settlements/" + community + "/2026-11",
                community, data);
    }

    private static Set<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }
}
