package org.linli.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * canteen-service's order and delivery-run API and an identity provider's token endpoint, as a real local HTTP server
 * behaving as canteen-service does: a served order checked off again answers the same, a dine-in order is served, any
 * other 409; a door's same outcome again answers the same, a different one 409; anything of another community 404. It
 * checks the gateway's client-credentials request and bearer token, and records every call it is asked to make and the
 * trace context it came with.
 */
public class FakeCanteenService implements QuarkusTestResourceLifecycleManager {

    /** The gateway's token, as the tests' identity provider (FakeResidentService) issues it. */
    static final String TOKEN = FakeResidentService.TOKEN;
    /** Every call, as "METHOD path [body]". */
    static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
    /** The W3C traceparent of the latest call, by "METHOD path". */
    static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();
    static final Map<UUID, Order> ORDERS = new ConcurrentHashMap<>();
    static final Map<UUID, Run> RUNS = new ConcurrentHashMap<>();
    /** When not 0, every call is answered with this status (an outage). */
    static volatile int outage;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORDER = Pattern.compile("^/communities/([^/]+)/orders/([^/]+)(/serve)?$");
    private static final Pattern RUN = Pattern.compile("^/communities/([^/]+)/delivery-runs/([^/]+)(?:/stops/([^/]+)/outcome)?$");
    private static HttpServer server;

    /** Puts the fake on every test of the module (global: one application for all test classes). */
    @WithTestResource(value = FakeCanteenService.class, scope = TestResourceScope.GLOBAL)
    public static final class Installed {
        private Installed() {
        }
    }

    static final class Order {
        final String community;
        final String service;
        volatile String status;

        Order(String community, String service, String status) {
            this.community = community;
            this.service = service;
            this.status = status;
        }
    }

    static final class Run {
        final String community;
        /** stop id -> welfare check recorded ("" while open), in order. */
        final Map<UUID, String> stops = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<UUID, String> notes = new ConcurrentHashMap<>();

        Run(String community) {
            this.community = community;
        }
    }

    static UUID order(String community, String service, String status) {
        UUID id = UUID.randomUUID();
        ORDERS.put(id, new Order(community, service, status));
        return id;
    }

    static UUID run(String community, List<UUID> stops) {
        UUID id = UUID.randomUUID();
        Run run = new Run(community);
        stops.forEach(stop -> run.stops.put(stop, ""));
        RUNS.put(id, run);
        return id;
    }

    /** The calls that name this community. */
    static List<String> callsFor(String community) {
        synchronized (CALLS) {
            return CALLS.stream().filter(c -> c.contains("/communities/" + community + "/")).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/communities/", exchange -> {
            String body = read(exchange);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            CALLS.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (traceparent != null) {
                TRACEPARENTS.put(method + " " + path, traceparent);
            }
            if (outage != 0) {
                answer(exchange, outage, "{}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("authorization"))) {
                answer(exchange, 401, "{}");
                return;
            }
            Matcher order = ORDER.matcher(path);
            Matcher run = RUN.matcher(path);
            if (order.matches()) {
                order(exchange, method, order.group(1), order.group(2), order.group(3) != null);
            } else if (run.matches()) {
                run(exchange, method, run.group(1), run.group(2), run.group(3), body);
            } else {
                problem(exchange, 404, "No such resource");
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("linli.partner.canteen.url", base); // the token: FakeResidentService's identity provider
    }

    private static void order(HttpExchange exchange, String method, String community, String id, boolean serve)
            throws IOException {
        Order order = ORDERS.get(uuid(id));
        if (order == null || !order.community.equals(community)) {
            problem(exchange, 404, "No order " + id + " in your scope");
            return;
        }
        if (serve && "POST".equals(method)) {
            synchronized (order) {
                if (!"SERVED".equals(order.status)) {
                    if (!"DINE_IN".equals(order.service) || !"PLACED".equals(order.status)) {
                        problem(exchange, 409, "Only a placed dine-in order is served at the counter; this one is "
                                + order.service + " and " + order.status);
                        return;
                    }
                    order.status = "SERVED";
                }
            }
        } else if (!"GET".equals(method) || serve) {
            problem(exchange, 405, "method");
            return;
        }
        answer(exchange, 200, "{\"id\":\"" + id + "\",\"service\":\"" + order.service + "\",\"status\":\"" + order.status
                + "\"}");
    }

    private static void run(HttpExchange exchange, String method, String community, String id, String stop, String body)
            throws IOException {
        Run run = RUNS.get(uuid(id));
        if (run == null || !run.community.equals(community)) {
            problem(exchange, 404, "No delivery run " + id + " in your scope");
            return;
        }
        if (stop != null && "POST".equals(method)) {
            UUID stopId = uuid(stop);
            if (stopId == null || !run.stops.containsKey(stopId)) {
                problem(exchange, 404, "No stop " + stop + " on run " + id);
                return;
            }
            JsonNode outcome = JSON.readTree(body);
            String check = outcome.path("welfareCheck").asText();
            synchronized (run) {
                String recorded = run.stops.get(stopId);
                if (!recorded.isEmpty() && !recorded.equals(check)) {
                    problem(exchange, 409, "This door was already recorded as " + recorded);
                    return;
                }
                run.stops.put(stopId, check);
                if (outcome.hasNonNull("note")) {
                    run.notes.put(stopId, outcome.get("note").asText());
                }
            }
            answer(exchange, 200, "{\"stopId\":\"" + stop + "\",\"welfareCheck\":\"" + check + "\"}");
            return;
        }
        if (stop != null || !"GET".equals(method)) {
            problem(exchange, 405, "method");
            return;
        }
        StringBuilder stops = new StringBuilder();
        synchronized (run.stops) {
            int sequence = 1;
            for (Map.Entry<UUID, String> s : run.stops.entrySet()) {
                stops.append(stops.length() == 0 ? "" : ",").append("{\"stopId\":\"").append(s.getKey())
                        .append("\",\"sequence\":").append(sequence++).append(",\"welfareCheck\":")
                        .append(s.getValue().isEmpty() ? "null" : "\"" + s.getValue() + "\"").append("}");
            }
        }
        answer(exchange, 200, "{\"id\":\"" + id + "\",\"stops\":[" + stops + "]}");
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
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

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/problem+json");
        byte[] bytes = JSON.writeValueAsBytes(Map.of("status", status, "title", "refused", "detail", detail));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
