package org.linli.app.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.linli.app.AppConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The session lives in one cookie, sealed with AES-256-GCM under the app's session key: HttpOnly (JavaScript cannot
 * read it, so no token reaches the page), SameSite=Strict (no other site's page can send it), Secure outside the local
 * run. Sealing makes the app stateless: any replica opens any cookie, and a cookie altered by one bit does not open.
 * Nothing is stored on the server, so signing out clears the cookie; the token inside expires on its own.
 */
@ApplicationScoped
public class SessionCookie {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final AppConfig.Session config;
    private final SecretKeySpec key;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SessionCookie(AppConfig config, ObjectMapper json, Clock clock) {
        this.config = config.session();
        byte[] raw = Base64.getDecoder().decode(this.config.key().strip());
        if (raw.length != 32) {
            throw new IllegalStateException("linli.app.session.key must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.json = json;
        this.clock = clock;
    }

    /** The cookie that carries this person's session. */
    public NewCookie seal(SignedInUser user) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(config.cookieName().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(user));
            String value = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
            int maxAge = (int) Math.max(0, Duration.between(clock.instant(), user.expiresAt()).toSeconds());
            return cookie(value, maxAge);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal the session", e);
        }
    }

    /** The person in this cookie value; empty when there is none, it was tampered with, or it has expired. */
    public Optional<SignedInUser> open(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(value);
            if (all.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(config.cookieName().getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            SignedInUser user = json.readValue(plain, SignedInUser.class);
            return user.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(user);
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            return Optional.empty(); // not ours, altered or sealed under an old key: signed out
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
