package org.linli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A thin client of a Linli service's public HTTP API, as a community's tools would use it. */
final class ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ServiceApi(URI base) {
        this.base = base;
    }

    /** POSTs a JSON body and returns the answer (any status). */
    HttpResponse<String> post(String token, String path, Map<String, Object> body) {
        return send("POST", token, path, body);
    }

    /** PUTs a JSON body and returns the answer (any status). */
    HttpResponse<String> put(String token, String path, Object body) {
        return send("PUT", token, path, body);
    }

    private HttpResponse<String> send(String method, String token, String path, Object body) {
        return exchange(() -> http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> getResponse(String token, String path) {
        return exchange(() -> http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Whether a GET answers 200 within {@code timeout} (what another service learns from Kafka takes a moment). */
    boolean awaitOk(String token, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (getResponse(token, path).statusCode() == 200) {
                return true;
            }
            exchange(() -> {
                Thread.sleep(250);
                return null;
            });
        }
        return false;
    }

    /** GETs JSON; anything but 200 is an error. */
    JsonNode get(String token, String path) {
        HttpResponse<String> response = getResponse(token, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return exchange(() -> JSON.readTree(response.body()));
    }

    /** GETs a list and returns the id of its first item, if any. */
    java.util.Optional<String> find(String token, String path) {
        JsonNode list = get(token, path);
        return list.isArray() && list.size() > 0 ? java.util.Optional.of(list.get(0).get("id").asText())
                : java.util.Optional.empty();
    }

    private interface Exchange<T> {
        T call() throws IOException, InterruptedException;
    }

    private <T> T exchange(Exchange<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the service at " + base + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs and returns the id of what was created; anything but 201 or 200 is an error. */
    String create(String token, String path, Map<String, Object> body) {
        HttpResponse<String> response = post(token, path, body);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.has("id") ? node.get("id").asText() : node.path("residentId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer: " + response.body(), e);
        }
    }
}
