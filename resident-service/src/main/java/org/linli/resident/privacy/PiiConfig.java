package org.linli.resident.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Keys protecting personal data at rest. Production sets them from a secret store; dev/test use marked dev keys. */
@ConfigMapping(prefix = "linli.pii")
public interface PiiConfig {

    /** Base64 of 32 random bytes: the AES-256-GCM key for ID numbers and phone numbers. */
    @WithName("encryption-key")
    String encryptionKey();

    /** Base64 of 32 random bytes: the HMAC-SHA256 key of the blind index (duplicate checks, exact lookup). */
    @WithName("blind-index-key")
    String blindIndexKey();
}
