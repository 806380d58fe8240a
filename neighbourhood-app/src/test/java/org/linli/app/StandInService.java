package org.linli.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP server on a fixed port that stands where a Linli service would, recording what reaches it: the tests of
 * the app's own plumbing (what it passes on and what it keeps back). The journeys run against the real services in
 * linli-stack's browser tests.
 */
final class StandInService implements AutoCloseable {

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    StandInService(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body;
            if (exchange.getRequestURI().getPath().endsWith("/conflict")) {
                body = "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"The order cut-off has passed\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(409, body.length);
            } else if (exchange.getRequestURI().getPath().endsWith("/residents")) {
                body = "{\"items\":[{\"id\":\"0c8a3c1e-5f7a-4b9e-8d21-6a0f3e2b1c44\"}],\"page\":0,\"size\":1,\"total\":1}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
            } else {
                body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/communities/c/orders/1");
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
