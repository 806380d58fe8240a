package org.linli.partner.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * canteen-service's check-off and door APIs, as a canteen operator's meal report uses them: one item at a time, looking
 * first whether it is done already (then nothing is sent), then asking canteen-service to do it. canteen-service is
 * idempotent itself (checking a served order off again, or recording a door's same outcome again, changes nothing), so
 * a lost answer is harmless. Calls carry the gateway's own token ({@link GatewayToken}) and the trace context
 * ({@link ServiceCalls}). A refusal of the item (404, 409, 400) is the item's result; anything else (unreachable, 5xx,
 * 401/403 for the gateway's token) is {@link CanteenUnavailable}.
 */
@ApplicationScoped
public class CanteenReports {

    /** What became of one item. */
    public enum Result {
        /** canteen-service did it now. */
        DONE,
        /** It was done before (by this report earlier, another one, or at the counter): nothing changed. */
        ALREADY,
        /** canteen-service refused it (see the reason); nothing changed. */
        REFUSED
    }

    public record Outcome(Result result, String reason) {
        static Outcome done() {
            return new Outcome(Result.DONE, null);
        }

        static Outcome already() {
            return new Outcome(Result.ALREADY, null);
        }

        static Outcome refused(String reason) {
            return new Outcome(Result.REFUSED, reason);
        }
    }

    private final PartnerConfig config;
    private final ObjectMapper mapper;
    private final ServiceCalls calls;
    private final GatewayToken token;

    CanteenReports(PartnerConfig config, ObjectMapper mapper, GatewayToken token, ServiceCalls calls) {
        this.config = config;
        this.mapper = mapper;
        this.token = token;
        this.calls = calls;
    }

    /** A dine-in meal checked off at the counter ({@code POST /communities/{c}/orders/{orderId}/serve}). */
    public Outcome serve(String communityId, UUID orderId) {
        String order = "/communities/" + segment(communityId) + "/orders/" + orderId;
        HttpResponse<String> current = call("GET", order, null);
        if (current.statusCode() == 404) {
            return Outcome.refused("no order " + orderId + " in community " + communityId);
        }
        expect(current, 200);
        if ("SERVED".equals(json(current).path("status").asText())) {
            return Outcome.already();
        }
        return answer(call("POST", order + "/serve", null));
    }

    /**
     * A door of a delivery run: OK or CONCERN (delivered), NO_ANSWER (nobody opened)
     * ({@code POST /communities/{c}/delivery-runs/{runId}/stops/{stopId}/outcome}).
     */
    public Outcome recordDoor(String communityId, UUID runId, UUID stopId, String welfareCheck, String note) {
        String run = "/communities/" + segment(communityId) + "/delivery-runs/" + runId;
        HttpResponse<String> current = call("GET", run, null);
        if (current.statusCode() == 404) {
            return Outcome.refused("no delivery run " + runId + " in community " + communityId);
        }
        expect(current, 200);
        JsonNode stop = null;
        for (JsonNode s : json(current).path("stops")) {
            if (stopId.toString().equals(s.path("stopId").asText())) {
                stop = s;
            }
        }
        if (stop == null) {
            return Outcome.refused("no stop " + stopId + " on delivery run " + runId);
        }
        String recorded = stop.path("welfareCheck").isTextual() ? stop.path("welfareCheck").asText() : null;
        if (welfareCheck.equals(recorded)) {
            return Outcome.already();
        }
        if (recorded != null) {
            return Outcome.refused("this door was recorded as " + recorded + " before");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("welfareCheck", welfareCheck);
        if (note != null) {
            body.put("note", note);
        }
        return answer(call("POST", run + "/stops/" + stopId + "/outcome", body));
    }

    private Outcome answer(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 200, 201, 204 -> Outcome.done();
            case 400, 404, 409, 422 -> Outcome.refused(detail(response));
            default -> throw unavailable(response);
        };
    }

    private void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw unavailable(response);
        }
    }

    private CanteenUnavailable unavailable(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            token.forget(); // expired or revoked early: the next call asks for a new one
        }
        Log.warnf("canteen-service answered HTTP %d to %s %s", response.statusCode(), response.request().method(),
                response.request().uri().getPath());
        return new CanteenUnavailable("canteen-service answered HTTP " + response.statusCode());
    }

    /** canteen-service's problem detail (ids and states, never a note), at most 200 characters. */
    private String detail(HttpResponse<String> response) {
        String detail = json(response).path("detail").asText("");
        if (detail.isBlank()) {
            detail = "canteen-service refused it (HTTP " + response.statusCode() + ")";
        }
        return detail.length() <= 200 ? detail : detail.substring(0, 200);
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (java.io.IOException e) {
            return mapper.createObjectNode();
        }
    }

    private HttpResponse<String> call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.canteen().url() + path))
                    .timeout(config.http().timeout()).header("accept", "application/json");
            if (body != null) {
                request.header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            String bearer = token.current();
            if (bearer != null) {
                request.header("authorization", "Bearer " + bearer);
            }
            return calls.send(request);
        } catch (java.io.IOException e) {
            throw new CanteenUnavailable("canteen-service cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanteenUnavailable("interrupted while calling canteen-service");
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
