package org.linli.app.session;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;
import org.linli.app.AppConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenID provider as this app speaks to it, server to server: its metadata (read once from
 * {@code {issuer}/.well-known/openid-configuration}), its signing keys (read at every use, so a rotated key is known at
 * once; sign-ins and renewals are rare), its token endpoint, and its end-session endpoint.
 */
@ApplicationScoped
public class OpenIdProvider {

    /** The endpoints this app uses, from the provider's metadata. */
    public record Metadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
            Optional<URI> endSessionEndpoint) {
    }

    private final AppConfig.Oidc config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private volatile Metadata metadata;

    OpenIdProvider(AppConfig config, ObjectMapper json) {
        this.config = config.oidc();
        this.json = json;
    }

    public Metadata metadata() throws Unavailable {
        Metadata known = metadata;
        if (known == null) {
            String issuer = config.issuer()
                    .orElseThrow(() -> new IllegalStateException("linli.app.oidc.issuer is required when sign-in is enabled"));
            JsonNode document = read(get(URI.create(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration")));
            if (!issuer.equals(document.path("issuer").asText())) {
                // OpenID Connect Discovery 4.3: the metadata must name the issuer it was read from
                throw new Unavailable("the provider's metadata names another issuer");
            }
            String endSession = document.path("end_session_endpoint").asText("");
            known = new Metadata(issuer, endpoint(document, "authorization_endpoint"), endpoint(document, "token_endpoint"),
                    endpoint(document, "jwks_uri"), endSession.isBlank() ? Optional.empty() : Optional.of(URI.create(endSession)));
            metadata = known;
        }
        return known;
    }

    /** The keys the provider signs its tokens with now. */
    public JsonWebKeySet keys() throws Unavailable {
        HttpResponse<String> answer = get(metadata().jwksUri());
        try {
            return new JsonWebKeySet(answer.body());
        } catch (JoseException e) {
            throw new Unavailable("the provider's keys could not be read");
        }
    }

    /** The token endpoint's answer to this form (the client's credentials are added); {@link Refused} when it says no. */
    public JsonNode token(Map<String, String> form) throws Unavailable, Refused {
        HttpResponse<String> answer = post(metadata().tokenEndpoint(), withClient(form));
        if (answer.statusCode() != 200) {
            throw new Refused(errorCode(answer));
        }
        return read(answer);
    }

    /**
     * Ends the person's session at the provider, server to server, with their refresh token (Keycloak's logout
     * endpoint accepts it); false when the provider has no end-session endpoint or did not agree.
     */
    public boolean endSession(String refreshToken) throws Unavailable {
        Optional<URI> endpoint = metadata().endSessionEndpoint();
        if (endpoint.isEmpty()) {
            return false;
        }
        int status = post(endpoint.get(), withClient(Map.of("refresh_token", refreshToken))).statusCode();
        return status / 100 == 2;
    }

    private Map<String, String> withClient(Map<String, String> form) {
        Map<String, String> all = new java.util.LinkedHashMap<>(form);
        all.put("client_id", config.clientId());
        config.clientSecret().filter(secret -> !secret.isBlank()).ifPresent(secret -> all.put("client_secret", secret));
        return all;
    }

    private HttpResponse<String> get(URI uri) throws Unavailable {
        return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), uri, false);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) throws Unavailable {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json"), uri, true);
    }

    /** The answer; {@link Unavailable} for a 5xx, or for any other failure unless a 4xx is an answer here (a refusal). */
    private HttpResponse<String> send(HttpRequest.Builder request, URI uri, boolean refusalIsAnAnswer) throws Unavailable {
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean refusal = answer.statusCode() / 100 == 4 && refusalIsAnAnswer;
            if (answer.statusCode() / 100 != 2 && !refusal) {
                throw new Unavailable(uri.getPath() + " answered " + answer.statusCode());
            }
            return answer;
        } catch (IOException e) {
            throw new Unavailable(uri.getPath() + " did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(uri.getPath() + " did not answer");
        }
    }

    private JsonNode read(HttpResponse<String> answer) throws Unavailable {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new Unavailable("the provider answered something that is not JSON");
        }
    }

    private static URI endpoint(JsonNode document, String name) throws Unavailable {
        String value = document.path(name).asText("");
        if (value.isBlank()) {
            throw new Unavailable("the provider's metadata has no " + name);
        }
        return URI.create(value);
    }

    /** The OAuth error code of a refusal ({@code invalid_grant}, ...), only letters and underscores kept. */
    private String errorCode(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body()).path("error").asText("refused").replaceAll("[^A-Za-z_]", "");
        } catch (IOException e) {
            return "refused";
        }
    }

    /** The provider could not be reached, or answered something this app cannot use. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The provider refused the request (an OAuth error such as {@code invalid_grant}). */
    public static final class Refused extends Exception {
        private final String error;

        Refused(String error) {
            super("the provider refused: " + error);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }
}
