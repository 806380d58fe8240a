package org.linli.partner.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;

/**
 * The gateway's own access token for the services it passes partners' reports to (resident-service's device alarms,
 * canteen-service's served lunches and doors): role {@code partner-gateway}. From the identity provider by OAuth 2.0
 * client credentials ({@code linli.partner.credentials.token-url}, {@code client-id}, {@code client-secret}), cached
 * until 30 s before it expires and fetched again after a 401; or, in the local run only
 * ({@code linli.partner.credentials.development-token}), signed with the public development key like the app's
 * development sign-in. Neither: null, and the services refuse the call.
 */
@ApplicationScoped
public class GatewayToken {

    private final PartnerConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private String token;
    private Instant expires = Instant.EPOCH;

    GatewayToken(PartnerConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.http().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A token valid for at least 30 s more, or null when none can be had (no identity provider configured). */
    public synchronized String current() throws java.io.IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(expires)) {
            return token;
        }
        PartnerConfig.Credentials credentials = config.credentials();
        if (credentials.tokenUrl().isPresent()) {
            String form = "grant_type=client_credentials&client_id="
                    + URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                    + URLEncoder.encode(credentials.clientSecret().orElse(""), StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(credentials.tokenUrl().get()))
                    .timeout(config.http().timeout()).header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new java.io.IOException("the token endpoint answered HTTP " + response.statusCode());
            }
            JsonNode answer = mapper.readTree(response.body());
            token = answer.path("access_token").asText(null);
            expires = Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong(60) - 30));
            return token;
        }
        if (credentials.developmentToken()) {
            Instant now = Instant.now();
            token = Jwt.issuer(credentials.developmentIssuer()).subject(credentials.clientId()).upn(credentials.clientId())
                    .groups(Set.of(Roles.GATEWAY)).issuedAt(now).expiresAt(now.plus(Duration.ofHours(1)))
                    .jws().keyId("linli-dev").sign();
            expires = now.plus(Duration.ofMinutes(59));
            return token;
        }
        return null;
    }

    /** The services refused the token (401): it expired or was revoked early; the next call asks for a new one. */
    public synchronized void forget() {
        token = null;
    }
}
