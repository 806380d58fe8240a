package org.linli.canteen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linli.canteen.events.CanteenEvents;
import org.linli.infra.Infrastructure;
import org.linli.infra.KafkaBrokerProcess;
import org.linli.infra.TopicProbe;
import org.linli.platform.outbox.OutboxEvent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The canteen never closes: with Kafka down, orders, the kitchen list and deliveries go on; the events follow once. */
@QuarkusTest
class NeverClosesTest {

    @Test
    void orderingCookingAndDeliveringGoOnWhileKafkaIsDownAndEveryEventArrivesOnce() {
        Assumptions.assumeTrue(Infrastructure.shared().ownedBroker().isPresent(), "needs a broker this JVM can stop");
        KafkaBrokerProcess broker = Infrastructure.shared().ownedBroker().get();
        TestCanteen canteen = TestCanteen.create();
        List<UUID> elders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            elders.add(canteen.housebound(Map.of()));
        }
        UUID diner = canteen.diner();
        UUID volunteer = UUID.randomUUID();
        List<String> orders = new ArrayList<>();
        try (TopicProbe topic = TopicProbe.tail(CanteenEvents.TOPIC)) {
            broker.stop();
            try {
                for (UUID elder : elders) {
                    orders.add(canteen.order(elder, TestCanteen.tomorrow(), "DELIVERY"));
                }
                orders.add(canteen.order(diner, TestCanteen.tomorrow(), "DINE_IN"));
                canteen.as(canteen.staff()).when().get("/communities/{c}/days/{d}/production-list", canteen.code(),
                        TestCanteen.tomorrow().toString()).then().statusCode(200).body("meals[0].portions",
                                org.hamcrest.Matchers.equalTo(4));
                JsonPath run = canteen.as(canteen.staff()).body(Map.of("deliverer", Map.of("kind", "VOLUNTEER", "id",
                        volunteer.toString()))).when().post("/communities/{c}/days/{d}/delivery-runs", canteen.code(),
                                TestCanteen.tomorrow().toString()).then().statusCode(201).extract().jsonPath();
                for (int i = 0; i < 3; i++) {
                    canteen.as(canteen.volunteer(volunteer)).body(Map.of("welfareCheck", i == 2 ? "NO_ANSWER" : "OK"))
                            .when().post("/communities/{c}/delivery-runs/{r}/stops/{s}/outcome", canteen.code(),
                                    run.getString("id"), run.getString("stops[" + i + "].stopId"))
                            .then().statusCode(200);
                }
                canteen.as(canteen.staff()).when().post("/communities/{c}/orders/{o}/serve", canteen.code(), orders.get(3))
                        .then().statusCode(200);
                long waiting = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("publishedAt is null"));
                assertTrue(waiting >= 8, "the events wait in the outbox, found " + waiting);
            } finally {
                broker.start();
            }
            // 4 ordered + 2 delivered + 1 missed + 1 served
            List<ConsumerRecord<String, String>> events = topic.await(r -> orders.contains(r.key()), 8, Duration.ofSeconds(60));
            topic.during(Duration.ofSeconds(2), r -> false);
            Map<String, Long> types = topic.await(r -> orders.contains(r.key()), 8, Duration.ofSeconds(1)).stream()
                    .map(r -> r.value().replaceAll(".*\"type\":\"([^\"]+)\".*", "$1"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Map.of(CanteenEvents.MEAL_ORDERED, 4L, CanteenEvents.MEAL_DELIVERED, 2L,
                    CanteenEvents.MEAL_DELIVERY_MISSED, 1L, CanteenEvents.MEAL_SERVED, 1L), types,
                    "every event exactly once after " + events.size());
        }
    }
}
