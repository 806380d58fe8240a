package org.linli.resident.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.linli.platform.operations.OperatorAction;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Recomputes residents' blind indexes (national_id_hash) with the current index key after the key rotated, a batch per
 * transaction, while the service runs: lookups and duplicate checks match the previous keys' indexes meanwhile
 * ({@link PiiCipher#blindIndexes}). A batch takes the next residents by id whose index another key computed, locks them
 * ({@code for update skip locked}: rows a request holds are done next time), decrypts each ID number and writes its
 * index with the current key's id; a resident already under the current key is never touched, so a run can stop at any
 * point and run again. A row a request wrote back meanwhile with its older index is still found, and shows in
 * {@link #keys()} until a further run. Nothing it handles is logged or returned: counts only.
 */
@ApplicationScoped
public class PiiReindexing {

    /** How many residents' indexes each index key computed. */
    public record IndexKeys(int currentKeyId, Map<Integer, Long> residentsByKey, long notCurrent) {
    }

    /**
     * What one run did: indexes recomputed, indexes still under another key, those that cannot be recomputed (their ID
     * number is sealed with an encryption key that is not configured), and those whose number another resident holds
     * under the current key (registered twice while the release rolled: a duplicate suspect is opened for the pair;
     * once they are merged, the next run finishes).
     */
    public record Run(long reindexed, long remaining, long unreadable, long conflicting) {
    }

    /** One batch: the rows it looked at, how many it re-indexed, could not read, found taken, the last id it saw. */
    private record Batch(int rows, long reindexed, long unreadable, long conflicting, UUID last) {
    }

    /** Residents with an index that the key with id ?1 did not compute (indexes from before key ids: key 1). */
    private static final String OTHER_KEY = "national_id_hash is not null and coalesce(national_id_index_key, "
            + PiiCipher.LEGACY_KEY_ID + ") <> ?1";

    private final PiiCipher cipher;
    private final EntityManager em;
    private final Clock clock;

    PiiReindexing(PiiCipher cipher, EntityManager em, Clock clock) {
        this.cipher = cipher;
        this.em = em;
        this.clock = clock;
    }

    public IndexKeys keys() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Integer, Long> byKey = new TreeMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select coalesce(national_id_index_key, " + PiiCipher.LEGACY_KEY_ID
                    + "), count(*) from resident where national_id_hash is not null group by 1").getResultList();
            rows.forEach(row -> byKey.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue()));
            long notCurrent = byKey.entrySet().stream().filter(e -> e.getKey() != cipher.currentIndexKeyId())
                    .mapToLong(Map.Entry::getValue).sum();
            return new IndexKeys(cipher.currentIndexKeyId(), byKey, notCurrent);
        });
    }

    /**
     * Re-indexes at most {@code limit} residents whose index another key computed, in batches of {@code batch}, each its
     * own transaction; recorded as an operator action with its reason and counts. Residents it cannot re-index
     * (unreadable, conflicting) do not count against the limit, so they never keep a run from the rest.
     */
    public Run reindex(int limit, int batch, String operator, String reason) {
        long reindexed = 0;
        long unreadable = 0;
        long conflicting = 0;
        UUID after = null; // the last resident the previous batch looked at
        while (reindexed < limit) {
            int size = (int) Math.min(batch, limit - reindexed);
            UUID from = after;
            Batch done = QuarkusTransaction.requiringNew().call(() -> batch(from, size));
            reindexed += done.reindexed();
            unreadable += done.unreadable();
            conflicting += done.conflicting();
            if (done.rows() < size) {
                break;
            }
            after = done.last();
        }
        long remaining = keys().notCurrent();
        String counts = "reindexed " + reindexed + ", remaining " + remaining + ", unreadable " + unreadable
                + ", conflicting " + conflicting;
        QuarkusTransaction.requiringNew().run(() -> OperatorAction.record(OffsetDateTime.now(clock), operator,
                "pii.re-index", "index key " + cipher.currentIndexKeyId(), counts, reason));
        Log.infof("National ID indexes recomputed with index key %d: %s", cipher.currentIndexKeyId(), counts);
        return new Run(reindexed, remaining, unreadable, conflicting);
    }

    private Batch batch(UUID after, int size) {
        var query = em.createNativeQuery("select id, national_id_cipher, community_id from resident where " + OTHER_KEY
                + (after == null ? "" : " and id > ?2") + " order by id limit " + size + " for update skip locked")
                .setParameter(1, cipher.currentIndexKeyId());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (after == null ? query : query.setParameter(2, after)).getResultList();
        long reindexed = 0;
        long unreadable = 0;
        long conflicting = 0;
        UUID last = after;
        for (Object[] row : rows) {
            last = (UUID) row[0];
            String nationalId;
            try {
                nationalId = cipher.decrypt((byte[]) row[1]);
            } catch (IllegalStateException e) {
                nationalId = null;
            }
            if (nationalId == null) {
                unreadable++; // keeps its index, still found through the previous key
                continue;
            }
            byte[] index = cipher.blindIndex(nationalId);
            @SuppressWarnings("unchecked")
            List<UUID> holders = em.createNativeQuery("select id from resident where national_id_hash = ?1 "
                    + "and status <> 'MERGED' and id <> ?2 limit 1").setParameter(1, index).setParameter(2, last)
                    .getResultList();
            if (!holders.isEmpty()) { // the unique index would refuse it: the pair goes to the duplicates, this one waits
                conflicting++;
                suspectDuplicates((String) row[2], last, holders.get(0));
                continue;
            }
            reindexed += em.createNativeQuery("update resident set national_id_hash = ?1, national_id_index_key = ?2 "
                    + "where id = ?3").setParameter(1, index)
                    .setParameter(2, cipher.currentIndexKeyId()).setParameter(3, last).executeUpdate();
        }
        return new Batch(rows.size(), reindexed, unreadable, conflicting, last);
    }

    /** Opens a duplicate suspect for the two residents holding one ID number, unless one is open for them already. */
    private void suspectDuplicates(String communityId, UUID resident, UUID other) {
        em.createNativeQuery("insert into duplicate_suspect (id, community_id, resident_id, other_id, status, raised_at, "
                + "version) select ?1, ?2, ?3, ?4, 'OPEN', ?5, 0 where not exists (select 1 from duplicate_suspect "
                + "where status = 'OPEN' and ((resident_id = ?3 and other_id = ?4) or (resident_id = ?4 and other_id = ?3)))")
                .setParameter(1, UUID.randomUUID()).setParameter(2, communityId).setParameter(3, resident)
                .setParameter(4, other).setParameter(5, OffsetDateTime.now(clock)).executeUpdate();
    }
}
