package org.linli.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint: a real HTTP server (the JDK's) that records every request and answers the status it is
 * told to. {@link #verifies} checks a request with the Standard Webhooks algorithm written from the specification, not
 * with the gateway's code.
 */
final class PartnerEndpoint implements AutoCloseable {

    /** One request as the partner received it, and what it answered. */
    record Received(String id, String timestamp, String signature, String contentType, String body, int answered) {
        boolean accepted() {
            return answered >= 200 && answered < 300;
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;

    private PartnerEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hooks", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int answer = status;
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("content-type"), body, answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    static PartnerEndpoint start() {
        return new PartnerEndpoint();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** From now on, answer every request with this status. */
    void answer(int status) {
        this.status = status;
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests answered 2xx: what the partner took, in the order it took them. */
    List<Received> accepted() {
        return all().stream().filter(Received::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Standard Webhooks verification: the secret is "whsec_" + base64 key; the signed content is
     * "{webhook-id}.{webhook-timestamp}.{body}"; webhook-signature holds space-separated "v1,{base64 HMAC-SHA256}" entries,
     * any of which may match; the timestamp must be within five minutes of now.
     */
    static boolean verifies(String secret, Received request) {
        if (request.id() == null || request.timestamp() == null || request.signature() == null) {
            return false;
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(request.timestamp()));
        if (age > 300) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = hmac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : request.signature().split(" ")) {
                int comma = entry.indexOf(',');
                if (comma > 0 && entry.substring(0, comma).equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(comma + 1)))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
