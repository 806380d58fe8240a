package org.linli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

/**
 * The walking skeleton, end to end: the three packaged services, each its own JVM, one real Kafka and one real
 * PostgreSQL. A resident registered over HTTP in resident-service shows up in points-service's and
 * canteen-service's own read models, carried only by Kafka.
 */
class WalkingSkeletonIT {

    static final String COMMUNITY = "changshan-garden";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static LinliStack stack;

    @BeforeAll
    static void startTheSystem() {
        Path home = LinliStack.home();
        stack = LinliStack.start(home, 0, home.resolve("linli-stack/target/e2e-logs"));
        for (String name : LinliStack.SERVICES) {
            ServiceProcess s = stack.service(name);
            System.out.printf("%s ready after %d ms, RSS %d MiB%n", name, s.readyAfterMillis(), s.residentSetMiB());
        }
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aResidentRegisteredInResidentServiceAppearsInPointsAndCanteen() throws Exception {
        var residentService = stack.service("resident-service").baseUri();
        CommunityGenerator generator = new CommunityGenerator(residentService, 0, CommunityGenerator.newIdSequence());
        CommunityGenerator.Story story = generator.story(generator.tree(CommunityGenerator.subdistrict(residentService)));
        String worker = CommunityGenerator.worker(COMMUNITY);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                uri("resident-service", "/communities/" + COMMUNITY + "/residents"))
                .header("Authorization", "Bearer " + worker).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"周桂英","gender":"FEMALE","birthDate":"1948-02-11","livesAlone":true,"housebound":true,
                         "householdId":"%s"}""".formatted(story.msZhaoHousehold())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        HttpResponse<String> member = awaitOk(uri("points-service", "/communities/" + COMMUNITY + "/members/" + id), worker);
        assertTrue(member.body().contains("\"housebound\":true"), member.body());

        String canteenStaff = DevTokens.as("canteen-staff").community(COMMUNITY).mint();
        HttpResponse<String> diner = awaitOk(uri("canteen-service", "/communities/" + COMMUNITY + "/diners/" + id),
                canteenStaff);
        assertTrue(diner.body().contains("\"mayHaveDelivery\":true"), diner.body());
    }

    @Test
    void everyServiceReportsHealthOpenApiAndMetrics() throws Exception {
        for (String name : LinliStack.SERVICES) {
            for (String path : new String[] { "/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi",
                    "/q/metrics" }) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(name, path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), name + path + ": " + response.body());
            }
        }
    }

    private static URI uri(String service, String path) {
        return stack.service(service).baseUri().resolve(path);
    }

    private static HttpResponse<String> awaitOk(URI uri, String token) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(uri + " never answered 200; last " + response.statusCode() + " " + response.body());
    }
}
