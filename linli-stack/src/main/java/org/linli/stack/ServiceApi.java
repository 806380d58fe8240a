package org.linli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

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

    /**
     * POSTs {@code body} as JSON and returns the answer (any status). A null body sends none, with no Content-Type, as
     * a phone app confirming something does.
     */
    HttpResponse<String> post(String token, String path, Object body) {
        return send("POST", token, path, body);
    }

    /** PUTs a JSON body and returns the answer (any status). */
    HttpResponse<String> put(String token, String path, Object body) {
        return send("PUT", token, path, body);
    }

    /** GETs and returns the answer (any status); a null token sends no Authorization (health, OpenAPI, metrics). */
    HttpResponse<String> fetch(String token, String path) {
        return send("GET", token, path, null);
    }

    private HttpResponse<String> send(String method, String token, String path, Object body) {
        return exchange(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        });
    }

    /** Whether a GET answers 200 within {@code timeout} (what another service learns from Kafka takes a moment). */
    boolean awaitOk(String token, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (fetch(token, path).statusCode() == 200) {
                return true;
            }
            pause(250);
        }
        return false;
    }

    /**
     * GETs until the answer is 200 and {@code until} holds of its JSON, and returns that JSON; anything else for
     * {@code timeout} is an error that quotes the last answer.
     */
    JsonNode await(String token, String path, Duration timeout, Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response;
        do {
            response = fetch(token, path);
            if (response.statusCode() == 200) {
                JsonNode body = json(response);
                if (until.test(body)) {
                    return body;
                }
            }
            pause(200);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException(base.resolve(path) + " never became as expected; last " + response.statusCode()
                + " " + response.body());
    }

    /** The JSON of an answer's body. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer " + response.statusCode() + ": " + response.body(), e);
        }
    }

    private void pause(long millis) {
        exchange(() -> {
            Thread.sleep(millis);
            return null;
        });
    }

    /** GETs JSON; anything but 200 is an error. */
    JsonNode get(String token, String path) {
        HttpResponse<String> response = fetch(token, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
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
        JsonNode node = json(response);
        return node.has("id") ? node.get("id").asText() : node.path("residentId").asText();
    }
}
