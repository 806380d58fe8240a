package org.linli.resident.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.linli.platform.operations.OperatorAction;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Re-seals personal data with the current key after a key rotation, a batch per transaction, while the service runs.
 * Each batch locks the rows it rewrites ({@code for update skip locked}: rows a request holds are done next time), so a
 * value is never lost; a row the application wrote back meanwhile with an older key still opens and shows in
 * {@link #keys()} until a further run. Nothing it handles is logged or returned: counts only.
 */
@ApplicationScoped
public class PiiRekeying {

    /** Every sealed column: table, then its columns. */
    static final Map<String, List<String>> SEALED = sealed();

    private static Map<String, List<String>> sealed() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("resident", List.of("national_id_cipher", "phone_cipher"));
        columns.put("emergency_contact", List.of("phone_cipher"));
        columns.put("notice_recipient", List.of("phone_cipher", "email_cipher", "wechat_openid_cipher"));
        return columns;
    }

    /** How many values each key id seals, per table.column. */
    public record Keys(int currentKeyId, Map<String, Map<Integer, Long>> byColumn, long notCurrent) {
    }

    /** What one run did: values re-sealed, values still under another key, values no configured key opens. */
    public record Run(long resealed, long remaining, long unreadable) {
    }

    private final PiiCipher cipher;
    private final EntityManager em;
    private final Clock clock;

    PiiRekeying(PiiCipher cipher, EntityManager em, Clock clock) {
        this.cipher = cipher;
        this.em = em;
        this.clock = clock;
    }

    public Keys keys() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Map<Integer, Long>> byColumn = new LinkedHashMap<>();
            long notCurrent = 0;
            for (var table : SEALED.entrySet()) {
                for (String column : table.getValue()) {
                    Map<Integer, Long> counts = new TreeMap<>();
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows = em.createNativeQuery("select case when get_byte(" + column + ", 0) = 2 then get_byte("
                            + column + ", 1) else " + PiiCipher.LEGACY_KEY_ID + " end, count(*) from " + table.getKey()
                            + " where " + column + " is not null group by 1").getResultList();
                    for (Object[] row : rows) {
                        int id = ((Number) row[0]).intValue();
                        long count = ((Number) row[1]).longValue();
                        counts.put(id, count);
                        notCurrent += id == cipher.currentKeyId() ? 0 : count;
                    }
                    byColumn.put(table.getKey() + "." + column, counts);
                }
            }
            return new Keys(cipher.currentKeyId(), byColumn, notCurrent);
        });
    }

    /**
     * Re-seals at most {@code limit} values not sealed with the current key (format-1 values included), in batches of
     * {@code batch} rows, each its own transaction; recorded as an operator action with its reason and counts.
     */
    public Run reseal(int limit, int batch, String operator, String reason) {
        long resealed = 0;
        java.util.Set<String> unreadable = new java.util.HashSet<>(); // by table, column, value: met again by later batches
        for (var table : SEALED.entrySet()) {
            List<String> columns = table.getValue();
            String stale = String.join(" or ", columns.stream()
                    .map(c -> "(" + c + " is not null and substring(" + c + " from 1 for 2) <> ?1)").toList());
            boolean progress = true;
            while (progress && resealed < limit) {
                int size = (int) Math.min(batch, limit - resealed);
                long done = QuarkusTransaction.requiringNew().call(() -> batch(table.getKey(), columns, stale, size,
                        unreadable));
                resealed += done;
                progress = done > 0; // a batch of values no key opens stops this table: they wait for their key
            }
        }
        long remaining = keys().notCurrent();
        long total = resealed;
        long refused = unreadable.size();
        QuarkusTransaction.requiringNew().run(() -> OperatorAction.record(OffsetDateTime.now(clock), operator,
                "pii.re-encrypt", "key " + cipher.currentKeyId(), "resealed " + total + ", remaining " + remaining
                        + ", unreadable " + refused, reason));
        Log.infof("Personal data re-sealed with key %d: %d values, %d under other keys remain, %d unreadable",
                cipher.currentKeyId(), total, remaining, refused);
        return new Run(resealed, remaining, refused);
    }

    /** One batch: how many rows it re-sealed; values no configured key opens are added to {@code unreadable}. */
    private long batch(String table, List<String> columns, String stale, int size, java.util.Set<String> unreadable) {
        byte[] current = { 2, (byte) cipher.currentKeyId() };
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select ctid::text, " + String.join(", ", columns) + " from " + table
                + " where " + stale + " limit " + size + " for update skip locked").setParameter(1, current).getResultList();
        long resealed = 0;
        for (Object[] row : rows) {
            List<byte[]> values = new ArrayList<>();
            boolean changed = false;
            for (int i = 0; i < columns.size(); i++) {
                byte[] value = (byte[]) row[i + 1];
                try {
                    byte[] sealed = cipher.reseal(value);
                    changed |= sealed != value;
                    values.add(sealed);
                } catch (IllegalStateException e) {
                    unreadable.add(table + "/" + columns.get(i) + "/" + java.util.HexFormat.of().formatHex(value));
                    values.add(value);
                }
            }
            if (changed) {
                var update = em.createNativeQuery("update " + table + " set "
                        + String.join(", ", columns.stream().map(c -> c + " = ?" + (columns.indexOf(c) + 1)).toList())
                        + " where ctid = cast(?" + (columns.size() + 1) + " as tid)");
                for (int i = 0; i < columns.size(); i++) {
                    update.setParameter(i + 1, values.get(i));
                }
                update.setParameter(columns.size() + 1, row[0]).executeUpdate();
                resealed++;
            }
        }
        return resealed;
    }
}
