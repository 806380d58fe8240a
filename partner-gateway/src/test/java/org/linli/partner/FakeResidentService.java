package org.linli.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * resident-service's device-alarm API and an identity provider's token endpoint, as a real local HTTP server: it checks
 * the gateway's client-credentials request and bearer token, and records each alarm it is asked to raise and the trace
 * context it came with. The alert it answers is named by the alarm id ({@link #alertId}), so a test knows it in advance.
 */
public class FakeResidentService implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "gateway-token-" + UUID.randomUUID();
    static final List<String> ALARMS = Collections.synchronizedList(new ArrayList<>());
    /** The W3C traceparent each alarm arrived with, by the alarm id the gateway passed on (vendor:alarm). */
    static final Map<String, String> TRACEPARENTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern ALARM_ID = java.util.regex.Pattern.compile("\"alarmId\":\"([^\"]+)\"");
    private static HttpServer server;

    /** Puts the fake on every test of the module (global: one application for all test classes). */
    @WithTestResource(value = FakeResidentService.class, scope = TestResourceScope.GLOBAL)
    public static final class Installed {
        private Installed() {
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", exchange -> {
            String form = read(exchange);
            boolean ok = form.contains("grant_type=client_credentials") && form.contains("client_id=partner-gateway")
                    && form.contains("client_secret=test-secret");
            answer(exchange, ok ? 200 : 401, ok ? "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":300}" : "{}");
        });
        server.createContext("/device-alarms", exchange -> {
            String body = read(exchange);
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("authorization"))) {
                answer(exchange, 401, "{}");
                return;
            }
            ALARMS.add(body);
            java.util.regex.Matcher alarm = ALARM_ID.matcher(body);
            String alarmId = alarm.find() ? alarm.group(1) : body;
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (traceparent != null) {
                TRACEPARENTS.put(alarmId, traceparent);
            }
            answer(exchange, 201, "{\"alertId\":\"" + alertId(alarmId) + "\",\"status\":\"RAISED\"}");
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // it is the identity provider of the tests too: the gateway's one client-credentials token opens both fakes
        return Map.of("linli.partner.resident.url", base, "linli.partner.credentials.token-url", base + "/token",
                "linli.partner.credentials.client-secret", "test-secret");
    }

    /** The care alert the fake raises for an alarm id (as the gateway passes it on: vendor:alarm), the same every time. */
    static UUID alertId(String alarmId) {
        return UUID.nameUUIDFromBytes(alarmId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
