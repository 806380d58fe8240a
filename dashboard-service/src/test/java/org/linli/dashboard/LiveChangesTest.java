package org.linli.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** An open page learns within two seconds that its figures changed, and only of communities it may see. */
@QuarkusTest
class LiveChangesTest {

    @TestHTTPResource("/changes")
    URL changes;

    @Test
    void aCommunityWorkersFeedNamesTheirCommunityWithinTwoSecondsOfAnEventAndNeverAnother() throws Exception {
        TestDistrict d = new TestDistrict();
        String mine = d.community(1);
        String neighbour = d.community(2);
        d.resident(mine, "AGED_60_74", true, false, false, false, null);
        d.resident(neighbour, "AGED_60_74", true, false, false, false, null);
        org.awaitility.Awaitility.await().atMost(TestDistrict.PATIENCE).until(() -> TestDistrict.as(d.worker(mine))
                .get("/communities/{c}/figures", mine).statusCode() == 200);

        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(changes.toString()))
                .header("Authorization", "Bearer " + d.worker(mine)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(response.statusCode() == 200, "status " + response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            waitFor(lines, "hello", Duration.ofSeconds(10));
            d.resident(neighbour, "AGED_60_74", true, false, false, false, null); // not theirs: not told
            long sent = System.nanoTime();
            d.lunch(mine, UUID.randomUUID(), TestDistrict.today(), "SERVED", null);
            String line = waitFor(lines, "changed", Duration.ofSeconds(10));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(line.contains(mine) && !line.contains(neighbour), line);
            assertTrue(millis < 2000, "told after " + millis + " ms");
        }
    }

    private static String waitFor(BufferedReader lines, String kind, Duration patience) throws Exception {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:") && line.contains("\"kind\":\"" + kind + "\"")) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String line = found.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(line != null, "the stream ended before a " + kind);
        return line;
    }
}
