package org.linli.resident.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts personal data at rest (AES-256-GCM, a fresh 96-bit nonce per value, format version byte first) and
 * computes the blind index (HMAC-SHA256 of the normalised value) that lets the registry find a national ID
 * without decrypting anything.
 */
@ApplicationScoped
public class PiiCipher {

    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();
    /** Cipher and Mac instances are not thread-safe and costly to look up: one of each per thread. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    PiiCipher(PiiConfig config) {
        this.encryptionKey = new SecretKeySpec(key(config.encryptionKey(), "linli.pii.encryption-key"), "AES");
        this.indexKey = new SecretKeySpec(key(config.blindIndexKey(), "linli.pii.blind-index-key"), "HmacSHA256");
    }

    public byte[] encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] { FORMAT_V1 });
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT_V1) {
            throw new IllegalStateException("unknown ciphertext format");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(new byte[] { FORMAT_V1 });
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
    }

    /** The blind index of a national ID number (upper-cased, spaces removed). */
    public byte[] blindIndex(String nationalId) {
        if (nationalId == null) {
            return null;
        }
        try {
            Mac mac = macs.get();
            mac.init(indexKey);
            return mac.doFinal(NationalIdNumber.normalise(nationalId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed", e);
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks AES-GCM or HMAC-SHA256", e);
        }
    }

    private static byte[] key(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
