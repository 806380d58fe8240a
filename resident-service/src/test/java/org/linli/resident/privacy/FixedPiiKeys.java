package org.linli.resident.privacy;

import java.util.List;
import java.util.Optional;

/** Personal-data keys fixed by a test, to build a {@link PiiCipher} as another configuration of the service would. */
record FixedPiiKeys(String encryptionKey, int encryptionKeyId, Optional<List<String>> previousEncryptionKeys,
        String blindIndexKey, int blindIndexKeyId, Optional<List<String>> previousBlindIndexKeys) implements PiiConfig {

    /** The development keys (application.properties), key id 1 each, nothing previous: the service before any rotation. */
    static final String DEV_ENCRYPTION_KEY = "rQ8ttjxXT28V48GvWS/u9B82uPWx0sgDvb3Yp1ZrRm0=";
    static final String DEV_INDEX_KEY = "bRKisVSErvOm0L5cWC50GH9hjhvVwv0EayB31+9shCM=";

    static PiiCipher development() {
        return new PiiCipher(new FixedPiiKeys(DEV_ENCRYPTION_KEY, 1, Optional.empty(), DEV_INDEX_KEY, 1, Optional.empty()));
    }
}
