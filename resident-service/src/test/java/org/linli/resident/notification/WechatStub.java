package org.linli.resident.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for WeChat's API: {@code GET /cgi-bin/token} issues an access token for the right appid and secret
 * (grant_type client_credential) and {@code POST /cgi-bin/message/subscribe/send} accepts a subscription message only
 * with the token currently issued (40001 otherwise), a JSON body with touser, template_id and data whose values are
 * {"value": …} ("thing" values at most 20 characters), answering the errcode scripted for the openid (0 by default).
 */
final class WechatStub {

    static final String APP_ID = "wx-test-app";
    static final String APP_SECRET = "wx-test-secret";

    record Message(String openId, String templateId, JsonNode body, int answered) {
    }

    final List<Message> received = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger staleTokenUses = new AtomicInteger();
    final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private volatile String token;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;

    WechatStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/cgi-bin/message/subscribe/send", this::send);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    void answer(String openId, Integer... errcodes) {
        scripted.computeIfAbsent(openId, o -> new ConcurrentLinkedDeque<>()).addAll(List.of(errcodes));
    }

    /** WeChat invalidates the token it issued (e.g. another server fetched a new one). */
    void revokeToken() {
        token = "revoked-" + System.nanoTime();
    }

    List<Message> to(String openId) {
        return received.stream().filter(m -> m.openId().equals(openId)).toList();
    }

    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!"GET".equals(exchange.getRequestMethod()) || !"client_credential".equals(query.get("grant_type"))
                || !APP_ID.equals(query.get("appid")) || !APP_SECRET.equals(query.get("secret"))) {
            problems.add("token request " + exchange.getRequestMethod() + " " + query.keySet());
            reply(exchange, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
            return;
        }
        token = "token-" + tokensIssued.incrementAndGet();
        reply(exchange, "{\"access_token\":\"" + token + "\",\"expires_in\":7200}");
    }

    private void send(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!"POST".equals(exchange.getRequestMethod())) {
            problems.add("send method " + exchange.getRequestMethod());
        }
        if (token == null || !token.equals(query.get("access_token"))) {
            staleTokenUses.incrementAndGet();
            reply(exchange, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        List<String> wrong = new ArrayList<>();
        for (String field : List.of("touser", "template_id")) {
            if (!body.path(field).isTextual() || body.path(field).asText().isBlank()) {
                wrong.add("missing " + field);
            }
        }
        if (!Set.of("developer", "trial", "formal").contains(body.path("miniprogram_state").asText("formal"))) {
            wrong.add("miniprogram_state");
        }
        if (!Set.of("zh_CN", "en_US", "zh_HK", "zh_TW").contains(body.path("lang").asText("zh_CN"))) {
            wrong.add("lang");
        }
        JsonNode data = body.path("data");
        if (!data.isObject() || data.isEmpty()) {
            wrong.add("data");
        }
        data.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue().path("value");
            if (!value.isTextual()) {
                wrong.add(e.getKey() + " has no value");
            } else if (e.getKey().startsWith("thing") && value.asText().codePointCount(0, value.asText().length()) > 20) {
                wrong.add(e.getKey() + " longer than 20");
            }
        });
        if (!wrong.isEmpty()) {
            problems.addAll(wrong);
            reply(exchange, "{\"errcode\":47003,\"errmsg\":\"argument invalid\"}");
            return;
        }
        String openId = body.get("touser").asText();
        Deque<Integer> codes = scripted.get(openId);
        int code = codes == null || codes.isEmpty() ? 0 : codes.poll();
        received.add(new Message(openId, body.get("template_id").asText(), body, code));
        reply(exchange, code == 0 ? "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":294402298110051942}"
                : "{\"errcode\":" + code + ",\"errmsg\":\"refused\"}");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
