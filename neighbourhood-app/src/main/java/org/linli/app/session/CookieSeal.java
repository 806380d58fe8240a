package org.linli.app.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.app.AppConfig;

/**
 * Seals a cookie's content with AES-256-GCM under the app's session key: nobody without the key can read it, and a
 * value altered by one bit does not open. The cookie's name is authenticated with it, so a value sealed for one cookie
 * (a sign-in under way) does not open as another (the session).
 */
@ApplicationScoped
public class CookieSeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CookieSeal(AppConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.session().key().strip());
        if (raw.length != 32) {
            throw new IllegalStateException("linli.app.session.key must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** The cookie value (base64url of nonce and sealed bytes) that carries {@code content} in the cookie {@code name}. */
    public String seal(String name, byte[] content) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(content);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the cookie " + name, e);
        }
    }

    /** The content of this value of the cookie {@code name}; empty when there is none or it was not sealed so by us. */
    public Optional<byte[]> open(String name, String value) {
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
            cipher.updateAAD(name.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // not ours, altered or sealed under an old key
        }
    }
}
