package org.linli.resident.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An operator who replaces a personal-data key in the secret store but forgets to give it a new id: the service must
 * not start and seal or index under an id that now means two keys. The service runs with the development keys (id 1);
 * the checks below are what a start with another configuration would do against the same database. Ids 200 and up are
 * this test's own.
 */
@QuarkusTest
class PiiKeyFingerprintsTest {

    @Inject
    PiiKeyFingerprints fingerprints;

    @Inject
    EntityManager em;

    @Test
    void theServiceRecordedItsKeysAtItsFirstStartAndAStartWithTheSameKeysPasses() {
        byte[] recorded = recorded(PiiCipher.ENCRYPTION, 1);
        assertArrayEquals(FixedPiiKeys.development().fingerprints().get(0).fingerprint(), recorded);
        assertEquals(16, recorded.length);
        assertEquals(16, recorded(PiiCipher.BLIND_INDEX, 1).length);
        assertEquals(List.of(), fingerprints.check(FixedPiiKeys.development()));
    }

    @Test
    void anEncryptionKeyReplacedUnderItsOldIdStopsTheStart() {
        PiiCipher replaced = keys(newKey(), 1, Optional.empty(), FixedPiiKeys.DEV_INDEX_KEY, 1, Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fingerprints.check(replaced));
        assertTrue(refused.getMessage().startsWith("linli.pii.encryption-key (id 1) names another key than the one id 1 "
                + "named when it was first used"), refused.getMessage());
        assertTrue(refused.getMessage().contains("give the new key a new id"), refused.getMessage());
    }

    @Test
    void aBlindIndexKeyReplacedUnderItsIdStopsTheStartAndRecordsNothingElse() {
        String indexKey = newKey();
        assertEquals(List.of(200), fingerprints.check(withIndexKey(200, indexKey, Optional.empty())));
        assertEquals(List.of(), fingerprints.check(withIndexKey(200, indexKey, Optional.empty())));

        // id 200 now names another key; the new encryption key (id 201) of the same start is not recorded either
        PiiCipher replaced = keys(newKey(), 201, Optional.of(List.of("1:" + FixedPiiKeys.DEV_ENCRYPTION_KEY)), newKey(),
                200, Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fingerprints.check(replaced));
        assertTrue(refused.getMessage().startsWith("linli.pii.blind-index-key (id 200) names another key"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("values indexed under id 200 would no longer open or match"),
                refused.getMessage());
        assertEquals(0, count(PiiCipher.ENCRYPTION, 201));
    }

    @Test
    void aPreviousKeyThatIsNotTheKeyItsIdNamedIsRefusedByItsSetting() {
        assertEquals(List.of(202), fingerprints.check(withIndexKey(202, newKey(), Optional.empty())));
        PiiCipher rotating = withIndexKey(203, newKey(), Optional.of(List.of("202:" + newKey())));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fingerprints.check(rotating));
        assertTrue(refused.getMessage().startsWith("the key with id 202 in linli.pii.previous-blind-index-keys names "
                + "another key"), refused.getMessage());
    }

    @Test
    void twoReplicasStartingTogetherWithANewKeyRecordItOnceAndBothStart() throws Exception {
        String indexKey = newKey();
        List<Object> outcomes = startTogether(withIndexKey(204, indexKey, Optional.empty()),
                withIndexKey(204, indexKey, Optional.empty()));
        assertEquals(1, outcomes.stream().filter(List.of(204)::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(List.of()::equals).count(), outcomes.toString());
        assertEquals(1, count(PiiCipher.BLIND_INDEX, 204));
    }

    @Test
    void twoReplicasStartingTogetherWithDifferentKeysUnderOneNewIdOnlyOneStarts() throws Exception {
        List<Object> outcomes = startTogether(withIndexKey(205, newKey(), Optional.empty()),
                withIndexKey(205, newKey(), Optional.empty()));
        assertEquals(1, outcomes.stream().filter(List.of(205)::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(IllegalStateException.class::isInstance).count(), outcomes.toString());
    }

    /** Both checks at once, as two pods of a rolling update would; each outcome is the ids recorded or the exception. */
    private List<Object> startTogether(PiiCipher first, PiiCipher second) throws Exception {
        ExecutorService pods = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            List<Future<Object>> started = new ArrayList<>();
            for (PiiCipher keys : List.of(first, second)) {
                started.add(pods.submit(() -> {
                    ready.countDown();
                    ready.await(5, TimeUnit.SECONDS);
                    try {
                        return fingerprints.check(keys);
                    } catch (IllegalStateException e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> pod : started) {
                outcomes.add(pod.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pods.shutdownNow();
        }
    }

    private static PiiCipher withIndexKey(int id, String key, Optional<List<String>> previous) {
        return keys(FixedPiiKeys.DEV_ENCRYPTION_KEY, 1, Optional.empty(), key, id, previous);
    }

    private static PiiCipher keys(String encryptionKey, int encryptionKeyId, Optional<List<String>> previousEncryption,
            String indexKey, int indexKeyId, Optional<List<String>> previousIndex) {
        return new PiiCipher(new FixedPiiKeys(encryptionKey, encryptionKeyId, previousEncryption, indexKey, indexKeyId,
                previousIndex));
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private byte[] recorded(String purpose, int id) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) em.createNativeQuery(
                        "select fingerprint from pii_key_fingerprint where purpose = ?1 and key_id = ?2")
                .setParameter(1, purpose).setParameter(2, (short) id).getSingleResult());
    }

    private long count(String purpose, int id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from pii_key_fingerprint where purpose = ?1 and key_id = ?2")
                .setParameter(1, purpose).setParameter(2, (short) id).getSingleResult()).longValue());
    }
}
