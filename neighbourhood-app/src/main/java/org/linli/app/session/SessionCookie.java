package org.linli.app.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.app.AppConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The session lives in one cookie, sealed with AES-256-GCM under the app's session key ({@link CookieSeal}); the rest
 * layer's {@code Cookies} sends it HttpOnly (JavaScript cannot read it, so no token reaches the page), SameSite=Strict
 * (no other site's page can send it), Secure outside the local run. Sealing makes the app stateless: any replica opens any cookie, and a cookie altered by one bit
 * does not open. Nothing is stored on the server, so signing out clears the cookie; the token inside expires on its own.
 */
@ApplicationScoped
public class SessionCookie {

    private final AppConfig.Session config;
    private final CookieSeal seal;
    private final ObjectMapper json;
    private final Clock clock;

    SessionCookie(AppConfig config, CookieSeal seal, ObjectMapper json, Clock clock) {
        this.config = config.session();
        this.seal = seal;
        this.json = json;
        this.clock = clock;
    }

    /** The sealed value of the cookie that carries this person's session. */
    public String seal(SignedInUser user) {
        try {
            return seal.seal(config.cookieName(), json.writeValueAsBytes(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot seal the session", e);
        }
    }

    /** The person in this cookie value; empty when there is none, it was tampered with, or it has expired. */
    public Optional<SignedInUser> open(String value) {
        Optional<byte[]> plain = seal.open(config.cookieName(), value);
        if (plain.isEmpty()) {
            return Optional.empty(); // not ours, altered or sealed under an old key: signed out
        }
        try {
            SignedInUser user = json.readValue(plain.get(), SignedInUser.class);
            return user.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(user);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** How long the browser keeps this person's cookie: until the session ends. */
    public Duration lifetime(SignedInUser user) {
        Duration left = Duration.between(clock.instant(), user.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public String name() {
        return config.cookieName();
    }

    /** Whether the cookie goes over HTTPS only. */
    public boolean secure() {
        return config.secure();
    }
}
