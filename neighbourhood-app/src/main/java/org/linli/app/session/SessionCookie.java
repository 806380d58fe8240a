package org.linli.app.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.linli.app.AppConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The session lives in one cookie, sealed with AES-256-GCM under the app's session key ({@link CookieSeal}): HttpOnly
 * (JavaScript cannot read it, so no token reaches the page), SameSite=Strict (no other site's page can send it), Secure
 * outside the local run. Sealing makes the app stateless: any replica opens any cookie, and a cookie altered by one bit
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

    /** The cookie that carries this person's session. */
    public NewCookie seal(SignedInUser user) {
        try {
            String value = seal.seal(config.cookieName(), json.writeValueAsBytes(user));
            int maxAge = (int) Math.max(0, Duration.between(clock.instant(), user.expiresAt()).toSeconds());
            return cookie(value, maxAge);
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

    /** The cookie that ends the session in this browser. */
    public NewCookie cleared() {
        return cookie("", 0);
    }

    public String name() {
        return config.cookieName();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(config.cookieName()).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(config.secure()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
