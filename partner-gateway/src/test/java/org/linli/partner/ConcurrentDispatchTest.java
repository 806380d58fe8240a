package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.linli.partner.service.Dispatcher;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Several dispatchers at once (this instance's own loop and four more rounds running side by side, as other gateway
 * instances on the same database would) send each delivery once and keep each key's order.
 */
@QuarkusTest
class ConcurrentDispatchTest {

    @Inject
    Dispatcher dispatcher;

    @Test
    void concurrentDispatchersSendEachDeliveryOnceInKeyOrder() throws Exception {
        String community = Gateway.community("busy");
        String bank = Gateway.register("BANK", List.of(community), List.of("points.redeemed.v1"));
        try (PartnerEndpoint endpoint = PartnerEndpoint.start()) {
            Gateway.Subscribed subscription = Gateway.subscribe(bank, endpoint.url(), List.of("points.redeemed.v1"));
            // held while the deliveries pile up, so that the dispatchers start on all of them together
            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/pause", bank, subscription.id()).then().statusCode(200);
            List<UUID> wallets = new ArrayList<>();
            for (int w = 0; w < 10; w++) {
                wallets.add(UUID.randomUUID());
            }
            Map<String, String> walletOf = new HashMap<>(); // event id -> wallet (the webhook names no volunteer)
            for (int n = 1; n <= 4; n++) {
                for (UUID wallet : wallets) {
                    String eventId = UUID.randomUUID().toString();
                    walletOf.put(eventId, wallet.toString());
                    Gateway.send(Gateway.POINTS, wallet.toString(), Gateway.redeemed(eventId, community, bank, wallet, n));
                }
            }
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> given().auth().oauth2(Gateway.partner(bank))
                    .when().get("/partners/{p}/deliveries?status=PENDING", bank).then().body("total", equalTo(40)));

            given().auth().oauth2(Gateway.partner(bank))
                    .when().post("/partners/{p}/subscriptions/{s}/resume", bank, subscription.id()).then().statusCode(200);
            ExecutorService others = Executors.newFixedThreadPool(4);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(others.submit(() -> {
                    while (!done.get()) {
                        dispatcher.round();
                    }
                }));
            }
            try {
                await().atMost(Duration.ofSeconds(45)).until(() -> endpoint.accepted().size() >= 40);
                Thread.sleep(2000);
            } finally {
                done.set(true);
                for (Future<?> round : rounds) {
                    round.get(30, TimeUnit.SECONDS); // a round that failed fails the test
                }
                others.shutdown();
            }
            List<PartnerEndpoint.Received> received = endpoint.all();
            assertEquals(40, received.size(), "each delivery sent once, by one dispatcher");
            assertEquals(40, received.stream().map(PartnerEndpoint.Received::id).distinct().count());
            Map<String, List<Integer>> byWallet = new HashMap<>();
            for (PartnerEndpoint.Received request : received) {
                JsonPath body = JsonPath.from(request.body());
                byWallet.computeIfAbsent(walletOf.get(body.getString("eventId")), w -> new ArrayList<>())
                        .add(body.getInt("data.points"));
            }
            assertEquals(10, byWallet.size());
            byWallet.forEach((wallet, points) -> assertEquals(List.of(1, 2, 3, 4), points, "wallet " + wallet + " in order"));
        }
    }
}
