package org.linli.resident.privacy;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Keys protecting personal data at rest. Production sets them from a secret store; dev/test use marked dev keys.
 * Rotating the encryption key without downtime: make the new key {@code encryption-key} with a new
 * {@code encryption-key-id} and list the old one in {@code previous-encryption-keys}; new values are sealed with the new
 * key, old ones still open; {@code POST /admin/pii/re-encrypt} re-seals the old ones; then drop the old key
 * (deploy/README.md, "Rotate the personal-data key").
 */
@ConfigMapping(prefix = "linli.pii")
public interface PiiConfig {

    /** Base64 of 32 random bytes: the AES-256-GCM key that seals ID numbers, phone numbers and notice addresses. */
    @WithName("encryption-key")
    String encryptionKey();

    /**
     * The id written into every value {@code encryption-key} seals, 1-255. Default 1: the id of the key values sealed
     * before ids existed (format 1) were sealed with.
     */
    @WithName("encryption-key-id")
    @WithDefault("1")
    int encryptionKeyId();

    /**
     * Keys that no longer seal but still open, while their values are re-encrypted: {@code id:base64} entries, comma
     * separated ({@code LINLI_PII_PREVIOUS_ENCRYPTION_KEYS=1:rQ8t…=}). None by default.
     */
    @WithName("previous-encryption-keys")
    Optional<List<String>> previousEncryptionKeys();

    /** Base64 of 32 random bytes: the HMAC-SHA256 key of the blind index (duplicate checks, exact lookup). */
    @WithName("blind-index-key")
    String blindIndexKey();
}
