package org.linli.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID provider in a plain HTTP server, standing where Keycloak would (same paths): discovery, its keys, an
 * authorization endpoint that signs one person in at once and sends the browser back with a code, a token endpoint
 * that gives tokens for a code only with the PKCE verifier of that code's challenge (and the client's secret), renews
 * them for a refresh token, and a logout endpoint. Tokens are RS256, signed by a key made for the test.
 */
final class StandInOpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "neighbourhood-app";
    static final String CLIENT_SECRET = "a-secret-for-the-test";

    /** What the provider signs the next person in as. */
    record Person(String subject, String name, List<String> groups, String community) {
    }

    private record Grant(String challenge, String redirectUri, String nonce, Person person) {
    }

    final String issuer;
    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final RsaJsonWebKey strangersKey;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> refreshTokens = new ConcurrentHashMap<>();

    /** The token requests received (their forms), the access tokens issued, the refresh tokens logged out. */
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final List<String> accessTokens = new CopyOnWriteArrayList<>();
    final List<String> loggedOut = new CopyOnWriteArrayList<>();

    volatile Person person;
    volatile String nonceInsteadOfTheRequested;
    volatile boolean signWithAStrangersKey;
    volatile long accessTokenSeconds = 300;

    StandInOpenIdProvider(int port) throws IOException, JoseException {
        issuer = "http://127.0.0.1:" + port + "/realms/linli";
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("stand-in");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        strangersKey = RsaJwkGenerator.generateJwk(2048);
        strangersKey.setKeyId("stand-in"); // the same key id, another key
        reset();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/realms/linli/", exchange -> {
            try {
                switch (exchange.getRequestURI().getPath().substring("/realms/linli".length())) {
                    case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                    case "/protocol/openid-connect/certs" -> json(exchange, 200, new JsonWebKeySet(key).toJson());
                    case "/protocol/openid-connect/auth" -> authorize(exchange);
                    case "/protocol/openid-connect/token" -> token(exchange);
                    case "/protocol/openid-connect/logout" -> logout(exchange);
                    default -> json(exchange, 404, "{}");
                }
            } catch (JoseException | RuntimeException e) {
                json(exchange, 500, "{\"error\":\"server_error\"}");
            }
        });
        server.start();
    }

    /** Ms Zhao signs in next, with tokens as the provider normally issues them. */
    void reset() {
        person = new Person("0c8a3c1e-5f7a-4b9e-8d21-6a0f3e2b1c44", "赵秀兰", List.of("resident"), "changshan-garden");
        nonceInsteadOfTheRequested = null;
        signWithAStrangersKey = false;
        accessTokenSeconds = 300;
        tokenRequests.clear();
        accessTokens.clear();
        loggedOut.clear();
    }

    private String discovery() {
        String base = issuer + "/protocol/openid-connect";
        return """
                {"issuer":"%s","authorization_endpoint":"%s/auth","token_endpoint":"%s/token","jwks_uri":"%s/certs",
                 "end_session_endpoint":"%s/logout","response_types_supported":["code"],
                 "code_challenge_methods_supported":["S256"],"id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer, base, base, base, base);
    }

    /** Signs {@link #person} in at once (no page) and sends the browser back to the redirect URI with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null
                || !query.getOrDefault("scope", "").contains("openid")) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri"), query.get("nonce"), person));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException, JoseException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(form);
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            Person who = refreshTokens.get(form.getOrDefault("refresh_token", ""));
            if (who == null) {
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            } else {
                json(exchange, 200, tokens(who, null, false));
            }
            return;
        }
        Grant grant = codes.remove(form.getOrDefault("code", "")); // a code is good once
        if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
            return;
        }
        json(exchange, 200, tokens(grant.person(), nonceInsteadOfTheRequested != null ? nonceInsteadOfTheRequested : grant.nonce(), true));
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String refreshToken = form.getOrDefault("refresh_token", "");
        if (refreshTokens.remove(refreshToken) != null) {
            loggedOut.add(refreshToken);
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String tokens(Person who, String nonce, boolean withIdToken) throws JoseException {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims access = new JwtClaims();
        access.setIssuer(issuer);
        access.setSubject(who.subject());
        access.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
        access.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + accessTokenSeconds));
        access.setGeneratedJwtId();
        access.setClaim("azp", CLIENT_ID);
        access.setStringListClaim("groups", who.groups());
        if (who.community() != null) {
            access.setClaim("community", who.community());
        }
        String accessToken = sign(access);
        accessTokens.add(accessToken);
        String refreshToken = UUID.randomUUID().toString();
        refreshTokens.put(refreshToken, who);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenSeconds);
        answer.put("refresh_token", refreshToken);
        answer.put("refresh_expires_in", 1800);
        if (withIdToken) {
            JwtClaims id = new JwtClaims();
            id.setIssuer(issuer);
            id.setSubject(who.subject());
            id.setAudience(CLIENT_ID);
            id.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
            id.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 300));
            id.setClaim("nonce", nonce);
            id.setClaim("name", who.name());
            answer.put("id_token", sign(id));
        }
        try {
            return new ObjectMapper().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JwtClaims claims) throws JoseException {
        RsaJsonWebKey signer = signWithAStrangersKey ? strangersKey : key;
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The query of this URI as a map. */
    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
