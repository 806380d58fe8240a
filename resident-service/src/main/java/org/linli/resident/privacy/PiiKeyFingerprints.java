package org.linli.resident.privacy;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.linli.resident.privacy.PiiCipher.KeyFingerprint;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Ties each personal-data key id to its key material. A key id is a promise: every value sealed, and every blind index
 * computed, under id N was made with one key. A key changed in the secret store without a new id breaks it silently:
 * new values sealed under N would not open with the key N had before (nor the old ones with the new key), and blind
 * indexes under N would no longer match the residents indexed before, so duplicates and look-ups by ID number would
 * quietly miss. So the first start with a key records its check value ({@link PiiCipher#fingerprints()}) in
 * {@code pii_key_fingerprint}, and every start compares the configured keys, current and previous, with what is
 * recorded: an id that names another key than it did stops the service from starting, with the setting to fix.
 * Replicas starting together with a new key record it once ({@code on conflict do nothing}, then read back).
 */
@ApplicationScoped
public class PiiKeyFingerprints {

    private final PiiCipher cipher;
    private final EntityManager em;
    private final Clock clock;

    PiiKeyFingerprints(PiiCipher cipher, EntityManager em, Clock clock) {
        this.cipher = cipher;
        this.em = em;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        List<Integer> recorded = check(cipher);
        if (!recorded.isEmpty()) {
            Log.infof("personal-data keys first seen and recorded: %d", recorded.size());
        }
    }

    /**
     * Compares every key of {@code keys} with the check value recorded for its purpose and id, recording those seen
     * for the first time; answers the ids recorded now. Throws {@link IllegalStateException} naming the setting when an
     * id names another key than the one recorded for it.
     */
    public List<Integer> check(PiiCipher keys) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Integer> recorded = new ArrayList<>();
            for (KeyFingerprint key : keys.fingerprints()) {
                int inserted = em.createNativeQuery("insert into pii_key_fingerprint (purpose, key_id, fingerprint, "
                                + "first_seen) values (?1, ?2, ?3, ?4) on conflict (purpose, key_id) do nothing")
                        .setParameter(1, key.purpose()).setParameter(2, (short) key.keyId())
                        .setParameter(3, key.fingerprint()).setParameter(4, OffsetDateTime.now(clock))
                        .executeUpdate();
                if (inserted == 1) {
                    recorded.add(key.keyId());
                    continue;
                }
                Object[] row = (Object[]) em.createNativeQuery("select fingerprint, first_seen from pii_key_fingerprint "
                                + "where purpose = ?1 and key_id = ?2")
                        .setParameter(1, key.purpose()).setParameter(2, (short) key.keyId()).getSingleResult();
                if (!MessageDigest.isEqual((byte[]) row[0], key.fingerprint())) {
                    throw new IllegalStateException(setting(keys, key) + " names another key than the one id "
                            + key.keyId() + " named when it was first used (" + row[1] + "): values " + (key.purpose()
                            .equals(PiiCipher.ENCRYPTION) ? "sealed" : "indexed") + " under id " + key.keyId()
                            + " would no longer open or match. Put that key back, or give the new key a new id "
                            + "(deploy/README.md, \"Rotate the keys\"). resident-service does not start.");
                }
            }
            return recorded;
        });
    }

    private static String setting(PiiCipher keys, KeyFingerprint key) {
        boolean encryption = key.purpose().equals(PiiCipher.ENCRYPTION);
        boolean current = key.keyId() == (encryption ? keys.currentKeyId() : keys.currentIndexKeyId());
        if (encryption) {
            return current ? "linli.pii.encryption-key (id " + key.keyId() + ")"
                    : "the key with id " + key.keyId() + " in linli.pii.previous-encryption-keys";
        }
        return current ? "linli.pii.blind-index-key (id " + key.keyId() + ")"
                : "the key with id " + key.keyId() + " in linli.pii.previous-blind-index-keys";
    }
}
