package org.linli.resident.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Alibaba Cloud SMS (dysmsapi SendSms): it checks every request as Alibaba Cloud documents it —
 * the common parameters, a fresh nonce, an ISO 8601 UTC timestamp, and the HMAC-SHA1 signature, re-computed here
 * independently of the client (its own percent-encoder written from the documented table) — and answers with the
 * code scripted for the phone number (OK by default). A request that fails a check is answered
 * SignatureDoesNotMatch / MissingParameter and listed in {@link #problems}.
 */
final class AlibabaSmsStub {

    static final String ACCESS_KEY_ID = "testid";
    static final String ACCESS_KEY_SECRET = "testsecret";
    static final Set<String> PARAMETERS = Set.of("AccessKeyId", "Action", "Format", "OutId", "PhoneNumbers", "RegionId",
            "SignName", "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam",
            "Timestamp", "Version", "Signature");

    /** One request the stub received, its checks passed, with what it answered. */
    record Sms(String phone, String templateCode, Map<String, String> templateParams, String outId, String answered,
            Instant at, String rawBody) {
    }

    final List<Sms> received = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final Map<String, Deque<String>> scripted = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;

    AlibabaSmsStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The phone's next answers, in order (then OK). */
    void answer(String phone, String... codes) {
        scripted.computeIfAbsent(phone, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(codes));
    }

    List<Sms> to(String phone) {
        return received.stream().filter(s -> s.phone().equals(phone)).toList();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        List<String> wrong = check(exchange, params);
        if (!wrong.isEmpty()) {
            problems.addAll(wrong);
            reply(exchange, 400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"" + String.join("; ", wrong).replace('"', '\'') + "\"}");
            return;
        }
        try {
            Thread.sleep(80); // a provider takes a moment: concurrent senders overlap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String phone = params.get("PhoneNumbers");
        Deque<String> codes = scripted.get(phone);
        String code = codes == null || codes.isEmpty() ? "OK" : codes.poll();
        Map<String, String> templateParams = new TreeMap<>();
        json.readTree(params.get("TemplateParam")).fields().forEachRemaining(e -> templateParams.put(e.getKey(), e.getValue().asText()));
        received.add(new Sms(phone, params.get("TemplateCode"), templateParams, params.get("OutId"), code, Instant.now(), body));
        reply(exchange, 200, "{\"Code\":\"" + code + "\",\"Message\":\"" + code + "\",\"RequestId\":\"stub\",\"BizId\":\"stub-biz\"}");
    }

    private List<String> check(HttpExchange exchange, Map<String, String> params) {
        List<String> wrong = new ArrayList<>();
        if (!"POST".equals(exchange.getRequestMethod())) {
            wrong.add("method " + exchange.getRequestMethod());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            wrong.add("content type " + contentType);
        }
        if (!params.keySet().equals(PARAMETERS)) {
            wrong.add("parameters " + new TreeMap<>(params).keySet());
            return wrong;
        }
        expect(wrong, params, "AccessKeyId", ACCESS_KEY_ID);
        expect(wrong, params, "Action", "SendSms");
        expect(wrong, params, "Format", "JSON");
        expect(wrong, params, "Version", "2017-05-25");
        expect(wrong, params, "SignatureMethod", "HMAC-SHA1");
        expect(wrong, params, "SignatureVersion", "1.0");
        expect(wrong, params, "SignName", "邻里");
        expect(wrong, params, "RegionId", "cn-hangzhou");
        if (!nonces.add(params.get("SignatureNonce"))) {
            wrong.add("nonce used before");
        }
        String timestamp = params.get("Timestamp");
        if (!timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
            wrong.add("timestamp format " + timestamp);
        } else {
            try {
                if (Duration.between(Instant.parse(timestamp), Instant.now()).abs().toMinutes() > 5) {
                    wrong.add("timestamp too far from now " + timestamp);
                }
            } catch (DateTimeParseException e) {
                wrong.add("timestamp " + timestamp);
            }
        }
        if (!params.get("PhoneNumbers").matches("1[3-9]\\d{9}")) {
            wrong.add("phone format");
        }
        try {
            JsonNode templateParam = json.readTree(params.get("TemplateParam"));
            if (!templateParam.isObject()) {
                wrong.add("TemplateParam not a JSON object");
            }
        } catch (IOException e) {
            wrong.add("TemplateParam not JSON");
        }
        Map<String, String> signed = new TreeMap<>(params);
        signed.remove("Signature");
        String canonical = signed.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String stringToSign = "POST&" + encode("/") + "&" + encode(canonical);
        if (!hmacSha1(ACCESS_KEY_SECRET + "&", stringToSign).equals(params.get("Signature"))) {
            wrong.add("signature does not match");
        }
        return wrong;
    }

    private static void expect(List<String> wrong, Map<String, String> params, String name, String value) {
        if (!value.equals(params.get(name))) {
            wrong.add(name + "=" + params.get(name));
        }
    }

    /** Alibaba Cloud's table: A-Z a-z 0-9 - _ . ~ as they are, every other UTF-8 byte as %XY (uppercase hex). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
