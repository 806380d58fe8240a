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
 * (deploy/README.md, "Rotate the keys"). The blind-index key rotates the same way: a new {@code blind-index-key} with a
 * new {@code blind-index-key-id}, the old one in {@code previous-blind-index-keys} (lookups match either), then
 * {@code POST /admin/pii/re-index} recomputes every resident's index, then the old key goes.
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

    /**
     * Base64 of 32 random bytes: the HMAC-SHA256 key of the blind index (duplicate checks, exact lookup by national ID
     * number). Each resident's index is stored with the id of the key that computed it.
     */
    @WithName("blind-index-key")
    String blindIndexKey();

    /**
     * The id stored next to every index {@code blind-index-key} computes, 1-255. Default 1: the id of the key the
     * indexes computed before ids existed were computed with.
     */
    @WithName("blind-index-key-id")
    @WithDefault("1")
    int blindIndexKeyId();

    /**
     * Index keys that no longer index but still find, while every resident is re-indexed with the current key:
     * {@code id:base64} entries, comma separated ({@code LINLI_PII_PREVIOUS_BLIND_INDEX_KEYS=1:bRKi…=}). A lookup or a
     * duplicate check matches a national ID number under any of them. None by default.
     */
    @WithName("previous-blind-index-keys")
    Optional<List<String>> previousBlindIndexKeys();
}
