package org.linli.resident.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts personal data at rest (AES-256-GCM, a fresh 96-bit nonce per value) and computes the blind index
 * (HMAC-SHA256 of the normalised value) that lets the registry find a national ID without decrypting anything.
 * <p>
 * Stored format 2: {@code [2][key id][nonce][ciphertext+tag]}, the first two bytes authenticated as associated data, so
 * a value names the key that sealed it and keys can rotate (see {@link PiiConfig}). Format 1, written before key ids,
 * {@code [1][nonce][ciphertext+tag]}, opens with key id 1. New values are always sealed with the current key.
 * <p>
 * The blind index rotates likewise: a resident's index is stored with the id of the key that computed it; a national
 * ID number is looked up under the current index key and every previous one until all residents are re-indexed.
 */
@ApplicationScoped
public class PiiCipher {

    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT_V2 = 2;
    /** The key id format-1 values were sealed with. */
    static final int LEGACY_KEY_ID = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final int keyId;
    /** Every key that opens values, the current one included, by id. */
    private final Map<Integer, SecretKeySpec> openingKeys = new HashMap<>();
    private final SecretKeySpec indexKey;
    private final int indexKeyId;
    /** Index keys a resident may still be indexed under while the index key rotates, by id. */
    private final Map<Integer, SecretKeySpec> previousIndexKeys;
    private final SecureRandom random = new SecureRandom();
    /** Cipher and Mac instances are not thread-safe and costly to look up: one of each per thread. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    PiiCipher(PiiConfig config) {
        this.encryptionKey = new SecretKeySpec(key(config.encryptionKey(), "linli.pii.encryption-key"), "AES");
        this.keyId = keyId(config.encryptionKeyId(), "linli.pii.encryption-key-id");
        openingKeys.putAll(previousKeys(config.previousEncryptionKeys(), keyId, "linli.pii.previous-encryption-keys", "AES"));
        openingKeys.put(keyId, encryptionKey);
        this.indexKey = new SecretKeySpec(key(config.blindIndexKey(), "linli.pii.blind-index-key"), "HmacSHA256");
        this.indexKeyId = keyId(config.blindIndexKeyId(), "linli.pii.blind-index-key-id");
        this.previousIndexKeys = previousKeys(config.previousBlindIndexKeys(), indexKeyId,
                "linli.pii.previous-blind-index-keys", "HmacSHA256");
    }

    private static int keyId(int id, String name) {
        if (id < 1 || id > 255) {
            throw new IllegalStateException(name + " must be 1-255");
        }
        return id;
    }

    /** Keys given as {@code id:base64} entries, by id; none may have the current key's id. */
    private static Map<Integer, SecretKeySpec> previousKeys(Optional<List<String>> entries, int currentId, String name,
            String algorithm) {
        Map<Integer, SecretKeySpec> keys = new TreeMap<>();
        for (String entry : entries.orElse(List.of())) {
            int colon = entry.indexOf(':');
            int id;
            try {
                id = Integer.parseInt(entry.substring(0, Math.max(colon, 0)).strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(name + ": each entry is id:base64");
            }
            if (id == currentId || id < 1 || id > 255) {
                throw new IllegalStateException(name + ": id " + id + " is the current key's or outside 1-255");
            }
            keys.put(id, new SecretKeySpec(key(entry.substring(colon + 1), "a key in " + name), algorithm));
        }
        return keys;
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
            byte[] header = { FORMAT_V2, (byte) keyId };
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + NONCE_BYTES + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null) {
            return null;
        }
        int header = stored.length > 0 && stored[0] == FORMAT_V2 ? 2 : 1;
        if (stored.length < header + NONCE_BYTES || (stored[0] != FORMAT_V1 && stored[0] != FORMAT_V2)) {
            throw new IllegalStateException("unknown ciphertext format");
        }
        int id = keyIdOf(stored);
        SecretKeySpec key = openingKeys.get(id);
        if (key == null) {
            throw new IllegalStateException("sealed with personal-data key " + id + ", which is not configured");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, header, NONCE_BYTES));
            cipher.updateAAD(stored, 0, header);
            byte[] plain = cipher.doFinal(stored, header + NONCE_BYTES, stored.length - header - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
    }

    /** The id of the key that sealed this value. */
    public static int keyIdOf(byte[] stored) {
        return stored[0] == FORMAT_V2 ? Byte.toUnsignedInt(stored[1]) : LEGACY_KEY_ID;
    }

    /** The id of the key new values are sealed with. */
    public int currentKeyId() {
        return keyId;
    }

    /** The value sealed with the current key: itself when it already is, else opened and sealed again. */
    public byte[] reseal(byte[] stored) {
        if (stored == null || (stored[0] == FORMAT_V2 && keyIdOf(stored) == keyId)) {
            return stored;
        }
        return encrypt(decrypt(stored));
    }

    /** The blind index of a national ID number (upper-cased, spaces removed) under the current index key. */
    public byte[] blindIndex(String nationalId) {
        return nationalId == null ? null : blindIndex(indexKey, nationalId);
    }

    /**
     * Every index a national ID number may be stored under: the current key's first, then those of the keys in
     * {@code previous-blind-index-keys} (while residents are re-indexed). Empty without a number.
     */
    public List<byte[]> blindIndexes(String nationalId) {
        if (nationalId == null) {
            return List.of();
        }
        List<byte[]> indexes = new ArrayList<>();
        indexes.add(blindIndex(indexKey, nationalId));
        previousIndexKeys.values().forEach(key -> indexes.add(blindIndex(key, nationalId)));
        return indexes;
    }

    /** The id stored with every index the current key computes. */
    public int currentIndexKeyId() {
        return indexKeyId;
    }

    /** A configured key's check value: which key material its id names, without revealing it. */
    public record KeyFingerprint(String purpose, int keyId, byte[] fingerprint) {
    }

    /** Purposes of {@link KeyFingerprint}. */
    public static final String ENCRYPTION = "encryption";
    public static final String BLIND_INDEX = "blind-index";
    private static final int FINGERPRINT_BYTES = 16;

    /**
     * The check value of every configured key, current and previous, encryption and blind index: the first 16 bytes of
     * HMAC-SHA256 under the key of a label naming its purpose (a key check value; HMAC does not reveal its key).
     */
    public List<KeyFingerprint> fingerprints() {
        List<KeyFingerprint> prints = new ArrayList<>();
        new TreeMap<>(openingKeys).forEach((id, key) -> prints.add(fingerprint(ENCRYPTION, id, key)));
        prints.add(fingerprint(BLIND_INDEX, indexKeyId, indexKey));
        previousIndexKeys.forEach((id, key) -> prints.add(fingerprint(BLIND_INDEX, id, key)));
        return prints;
    }

    private KeyFingerprint fingerprint(String purpose, int id, SecretKeySpec key) {
        try {
            Mac mac = macs.get();
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] full = mac.doFinal(("linli personal-data key check value: " + purpose).getBytes(StandardCharsets.UTF_8));
            return new KeyFingerprint(purpose, id, Arrays.copyOf(full, FINGERPRINT_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key check value failed", e);
        }
    }

    private byte[] blindIndex(SecretKeySpec key, String nationalId) {
        try {
            Mac mac = macs.get();
            mac.init(key);
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
