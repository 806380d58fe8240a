package org.linli.partner.service;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * resident-service's device-alarm API ({@code POST /device-alarms}): raises a care alert for a household, once per
 * alarm id. Calls carry the gateway's own token ({@link GatewayToken}) and the trace context ({@link ServiceCalls}).
 */
@ApplicationScoped
public class ResidentAlarms {

    private final PartnerConfig config;
    private final ObjectMapper mapper;
    private final ServiceCalls calls;
    private final GatewayToken token;

    ResidentAlarms(PartnerConfig config, ObjectMapper mapper, GatewayToken token, ServiceCalls calls) {
        this.config = config;
        this.mapper = mapper;
        this.token = token;
        this.calls = calls;
    }

    /** The alarm as resident-service takes it. */
    public record Alarm(String alarmId, String communityId, UUID householdId, String kind, String deviceId,
            java.time.OffsetDateTime occurredAt) {
    }

    /** The care alert the alarm raised (or had raised before). */
    public record Receipt(UUID alertId, String status, boolean raised) {
    }

    public Receipt report(Alarm alarm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarmId", alarm.alarmId());
        body.put("communityId", alarm.communityId());
        body.put("householdId", alarm.householdId());
        body.put("kind", alarm.kind());
        body.put("deviceId", alarm.deviceId());
        if (alarm.occurredAt() != null) {
            body.put("occurredAt", alarm.occurredAt().toString());
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.resident().url() + "/device-alarms"))
                    .timeout(config.http().timeout()).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            String bearer = token.current();
            if (bearer != null) {
                request.header("authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = calls.send(request);
            if (response.statusCode() == 401) {
                token.forget(); // expired or revoked early: the next call asks for a new one
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                Log.warnf("resident-service refused device alarm %s: HTTP %d", alarm.alarmId(), response.statusCode());
                throw new IllegalStateException("resident-service answered HTTP " + response.statusCode());
            }
            JsonNode receipt = mapper.readTree(response.body());
            return new Receipt(UUID.fromString(receipt.path("alertId").asText()), receipt.path("status").asText(),
                    response.statusCode() == 201);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("resident-service cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling resident-service", e);
        }
    }
}
