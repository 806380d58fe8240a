package org.linli.partner.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps signing secrets (and partners' technical contacts) encrypted at rest (AES-256-GCM with {@code linli.partner.secret-key}, a fresh nonce per value):
 * a copy of the database alone signs nothing. Stored as {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
@ApplicationScoped
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(PartnerConfig config) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(config.secretKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("linli.partner.secret-key must be base64 of 32 random bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("linli.partner.secret-key must be base64 of 32 random bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing secret", e);
        }
    }

    public String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a signing secret is stored in an unknown format");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a signing secret (wrong linli.partner.secret-key?)", e);
        }
    }
}
