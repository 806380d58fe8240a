package org.linli.app.session;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.linli.app.AppConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signing in through the identity provider: OpenID Connect's authorization code flow with PKCE (S256), state and
 * nonce, done by this app so that the tokens stay on the server.
 * <ol>
 * <li>{@link #start}: the browser is sent to the provider; what only it may present to finish (state, nonce, PKCE
 * verifier) is sealed into a short-lived cookie, SameSite=Lax so that it comes back with the provider's redirect.</li>
 * <li>{@link #finish}: the state must match; the code is exchanged with the verifier; the ID token must be signed by
 * the provider's key, name it and this client, be unexpired and carry the nonce; the access token (the one the
 * services read) must be the provider's and the same person's. The session is built from it: subject = the access
 * token's {@code sub}, roles = its {@code groups}, community = its {@code community}.</li>
 * <li>{@link #renew}: shortly before the access token expires, the refresh token gets a new one.</li>
 * </ol>
 */
@ApplicationScoped
public class ProviderSignIn {

    public static final String ATTEMPT_COOKIE = "linli_sign_in";
    private static final Logger LOG = Logger.getLogger(ProviderSignIn.class);
    private static final int CLOCK_SKEW_SECONDS = 60;
    private static final String[] SIGNATURES = { AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384 };

    private final AppConfig.Oidc config;
    private final AppConfig.Session session;
    private final OpenIdProvider provider;
    private final CookieSeal seal;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ProviderSignIn(AppConfig config, OpenIdProvider provider, CookieSeal seal, ObjectMapper json, Clock clock) {
        this.config = config.oidc();
        this.session = config.session();
        this.provider = provider;
        this.seal = seal;
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The path (on this app's origin) the provider sends the browser back to. */
    public String redirectPath() {
        return config.redirectPath();
    }

    /** Where to send the browser to sign in, and the cookie that remembers the attempt. */
    public Started start(URI redirectUri, String returnTo) throws OpenIdProvider.Unavailable {
        OpenIdProvider.Metadata metadata = provider.metadata();
        SignInAttempt attempt = new SignInAttempt(randomValue(), randomValue(), randomValue(), redirectUri.toString(),
                returnTo, clock.instant().plus(config.signInTimeout()));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", attempt.redirectUri());
        query.put("scope", config.scopes());
        query.put("state", attempt.state());
        query.put("nonce", attempt.nonce());
        query.put("code_challenge", challenge(attempt.verifier()));
        query.put("code_challenge_method", "S256");
        String authorize = metadata.authorizationEndpoint().toString();
        URI to = URI.create(authorize + (authorize.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        try {
            String value = seal.seal(ATTEMPT_COOKIE, json.writeValueAsBytes(attempt));
            return new Started(to, value, config.signInTimeout());
        } catch (IOException e) {
            throw new IllegalStateException("cannot seal the sign-in attempt", e);
        }
    }

    /** The session of the person the provider signed in, and the app's path to go back to. */
    public Finished finish(String attemptCookie, String code, String state) throws Failed {
        SignInAttempt attempt = seal.open(ATTEMPT_COOKIE, attemptCookie).flatMap(this::attempt)
                .filter(a -> clock.instant().isBefore(a.expiresAt())).orElse(null);
        if (attempt == null || state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                attempt.state().getBytes(StandardCharsets.UTF_8))) {
            throw new Failed(400, "Sign-in not recognised",
                    "This sign-in was not started here, or took too long. Please sign in again.");
        }
        if (code == null || code.isBlank()) {
            throw new Failed(400, "Sign-in not recognised", "The identity provider sent no code. Please sign in again.");
        }
        try {
            JsonNode tokens = provider.token(Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", attempt.redirectUri(), "code_verifier", attempt.verifier()));
            JsonWebKeySet keys = provider.keys();
            JwtClaims id = verify(tokens.path("id_token").asText(null), keys, true);
            if (!attempt.nonce().equals(id.getClaimValueAsString("nonce"))) {
                throw new Failed(401, "Sign-in refused", "The identity provider's answer was not for this sign-in. Please sign in again.");
            }
            String name = Optional.ofNullable(id.getClaimValueAsString("name"))
                    .or(() -> Optional.ofNullable(claim(id, "preferred_username"))).orElse(id.getSubject());
            return new Finished(session(tokens, keys, id.getSubject(), name, null, randomValue()), attempt.returnTo());
        } catch (OpenIdProvider.Refused e) {
            LOG.infof("the provider refused a sign-in: %s", e.error());
            throw new Failed(401, "Sign-in refused", "The identity provider did not confirm this sign-in. Please sign in again.");
        } catch (OpenIdProvider.Unavailable e) {
            LOG.warnf("sign-in: %s", e.getMessage());
            throw new Failed(503, "Sign-in unavailable", "The sign-in service is not answering right now. Please try again in a minute.");
        } catch (InvalidJwtException | MalformedClaimException e) {
            LOG.warnf("sign-in: the provider's tokens did not verify (%s)", e.getClass().getSimpleName());
            throw new Failed(401, "Sign-in refused", "The identity provider's answer could not be verified. Please sign in again.");
        }
    }

    /**
     * The session with a new access token, from the refresh token; empty when the provider refuses (the person's
     * session there ended, or their account was disabled): they must sign in again.
     */
    public Optional<SignedInUser> renew(SignedInUser user) throws OpenIdProvider.Unavailable {
        try {
            JsonNode tokens = provider.token(Map.of("grant_type", "refresh_token", "refresh_token", user.refreshToken()));
            SignedInUser renewed = session(tokens, provider.keys(), user.subject(), user.name(), user.refreshToken(), user.csrf());
            return Optional.of(renewed);
        } catch (OpenIdProvider.Refused e) {
            return Optional.empty();
        } catch (InvalidJwtException | MalformedClaimException | Failed e) {
            LOG.warnf("renewal: the provider's tokens did not verify (%s)", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Ends the person's session at the provider too, when configured and possible; never fails the sign-out. */
    public void endProviderSession(SignedInUser user) {
        if (!enabled() || !config.endProviderSession() || user.refreshToken() == null) {
            return;
        }
        try {
            if (!provider.endSession(user.refreshToken())) {
                LOG.info("sign-out: the provider did not end its session");
            }
        } catch (OpenIdProvider.Unavailable e) {
            LOG.warnf("sign-out: %s", e.getMessage());
        }
    }


    /** The session from the token endpoint's answer (the access token verified and for {@code subject}). */
    private SignedInUser session(JsonNode tokens, JsonWebKeySet keys, String subject, String name, String oldRefreshToken,
            String csrf) throws InvalidJwtException, MalformedClaimException, Failed {
        String accessToken = tokens.path("access_token").asText(null);
        JwtClaims access = verify(accessToken, keys, false);
        if (!subject.equals(access.getSubject())) {
            throw new Failed(401, "Sign-in refused", "The identity provider's tokens name different people. Please sign in again.");
        }
        Instant now = clock.instant();
        Instant tokenExpires = Instant.ofEpochSecond(access.getExpirationTime().getValue());
        Instant longest = now.plus(session.maxAge());
        String refreshToken = tokens.path("refresh_token").asText(oldRefreshToken);
        Instant sessionEnds;
        if (refreshToken == null) {
            sessionEnds = tokenExpires;
        } else {
            long refreshLasts = tokens.path("refresh_expires_in").asLong(0); // Keycloak says; 0 or absent: unknown
            sessionEnds = refreshLasts > 0 ? max(tokenExpires, now.plusSeconds(refreshLasts)) : longest;
        }
        sessionEnds = sessionEnds.isAfter(longest) ? longest : sessionEnds;
        return new SignedInUser(access.getSubject(), name, values(access.getClaimValue("groups")), claim(access, "community"),
                accessToken, csrf, sessionEnds, refreshToken, refreshToken == null ? null : tokenExpires);
    }

    /** The token's claims, once its signature (a key of the provider's), issuer, expiry and (ID token) audience check. */
    private JwtClaims verify(String token, JsonWebKeySet keys, boolean idToken) throws InvalidJwtException, MalformedClaimException,
            Failed {
        if (token == null || token.isBlank()) {
            throw new Failed(401, "Sign-in refused", "The identity provider sent no token. Please sign in again.");
        }
        JwtConsumerBuilder consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, SIGNATURES)
                .setExpectedIssuer(config.issuer().orElseThrow())
                .setRequireExpirationTime().setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()));
        if (idToken) {
            consumer.setExpectedAudience(config.clientId());
        } else {
            consumer.setSkipDefaultAudienceValidation(); // the access token is for the services, which check it again
        }
        JwtClaims claims = consumer.build().processToClaims(token);
        if (idToken && claims.getAudience().size() > 1 && !config.clientId().equals(claims.getClaimValueAsString("azp"))) {
            throw new Failed(401, "Sign-in refused", "The identity provider's answer was for another application.");
        }
        return claims;
    }

    private Optional<SignInAttempt> attempt(byte[] sealed) {
        try {
            return Optional.of(json.readValue(sealed, SignInAttempt.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }


    private static String claim(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value == null ? null : value.toString();
    }

    /** A claim of several values (a JSON array, or one comma-separated string). */
    private static List<String> values(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            items.forEach(item -> values.add(item.toString()));
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private String randomValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where to send the browser, and the sealed value (and lifetime) of the cookie remembering the attempt. */
    public record Started(URI authorize, String attempt, java.time.Duration attemptLifetime) {
    }

    /** The new session, and the app's path to go back to. */
    public record Finished(SignedInUser user, String returnTo) {
    }

    /** The sign-in cannot be finished: a problem for the person, in words. */
    public static final class Failed extends Exception {
        private final int status;
        private final String title;

        Failed(int status, String title, String detail) {
            super(detail);
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }
}
