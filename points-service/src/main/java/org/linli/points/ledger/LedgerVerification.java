package org.linli.points.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Proves a community's ledger: the hash chain is unbroken from the first posting to the chain head, every
 * posting balances per unit, every kept balance equals the sum of its account's entries, and no account but an
 * issuing one is below zero.
 */
@ApplicationScoped
public class LedgerVerification {

    private final EntityManager em;

    LedgerVerification(EntityManager em) {
        this.em = em;
    }

    public record Report(String communityId, long postings, long accounts, boolean chainIntact, Long firstBrokenSeq,
            String headHash, boolean everyPostingBalances, List<UUID> unbalancedPostings, boolean balancesMatchEntries,
            List<UUID> mismatchedAccounts, boolean noNegativeBalance) {

        @com.fasterxml.jackson.annotation.JsonProperty("holds")
        public boolean holds() {
            return chainIntact && everyPostingBalances && balancesMatchEntries && noNegativeBalance;
        }
    }

    private static Posting posting(Object[] row, String communityId) {
        Posting p = new Posting();
        p.communityId = communityId;
        p.id = (UUID) row[0];
        p.seq = ((Number) row[1]).longValue();
        p.kind = PostingKind.valueOf((String) row[2]);
        p.reference = (String) row[3];
        p.reverses = (UUID) row[4];
        p.reason = (String) row[5];
        p.createdBy = (String) row[6];
        p.createdAt = toOffsetDateTime(row[7]);
        p.prevHash = (String) row[8];
        p.hash = (String) row[9];
        return p;
    }

    private static java.time.OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    @Transactional
    public Report verify(String communityId) {
        // the chain head first: postings committed while this runs come after it and are left for the next check
        LedgerChain head = LedgerChain.findById(communityId);
        long lastSeq = head == null ? 0 : head.lastSeq;
        Map<UUID, Unit> units = new HashMap<>();
        List<UUID> mismatched = new ArrayList<>();
        boolean noNegative = true;
        @SuppressWarnings("unchecked")
        List<Object[]> accounts = em.createNativeQuery("""
                select a.id, a.unit, a.balance, coalesce(sum(e.amount), 0), a.allow_negative
                from ledger_account a left join ledger_entry e on e.account_id = a.id
                where a.community_id = ?1 group by a.id""").setParameter(1, communityId).getResultList();
        for (Object[] row : accounts) {
            UUID id = (UUID) row[0];
            units.put(id, Unit.valueOf((String) row[1]));
            long kept = ((Number) row[2]).longValue();
            if (kept != ((Number) row[3]).longValue()) {
                mismatched.add(id);
            }
            noNegative &= (Boolean) row[4] || kept >= 0;
        }

        String previous = LedgerChain.GENESIS;
        long expectedSeq = 1;
        Long firstBroken = null;
        long count = 0;
        List<UUID> unbalanced = new ArrayList<>();
        Posting posting = null;
        List<LedgerEntry> entries = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                select p.id, p.seq, p.kind, p.reference, p.reverses, p.reason, p.created_by, p.created_at, p.prev_hash,
                       p.hash, e.account_id, e.amount
                from posting p left join ledger_entry e on e.posting_id = p.id
                where p.community_id = ?1 and p.seq <= ?2 order by p.seq, e.id""").setParameter(1, communityId)
                .setParameter(2, lastSeq).getResultStream();
        try (rows) {
            var it = rows.iterator();
            while (true) {
                Object[] row = it.hasNext() ? it.next() : null;
                if (posting != null && (row == null || !posting.id.equals(row[0]))) {
                    count++;
                    if (firstBroken == null && (posting.seq != expectedSeq || !posting.prevHash.equals(previous)
                            || !PostingHash.of(posting, entries).equals(posting.hash))) {
                        firstBroken = posting.seq;
                    }
                    Map<Unit, Long> sums = new EnumMap<>(Unit.class);
                    entries.forEach(e -> sums.merge(units.getOrDefault(e.accountId, Unit.POINTS), e.amount, Long::sum));
                    if (entries.isEmpty() || sums.values().stream().anyMatch(sum -> sum != 0)) {
                        unbalanced.add(posting.id);
                    }
                    previous = posting.hash;
                    expectedSeq = posting.seq + 1;
                    posting = null;
                    entries = new ArrayList<>();
                }
                if (row == null) {
                    break;
                }
                if (posting == null) {
                    posting = posting(row, communityId);
                }
                if (row[10] != null) {
                    LedgerEntry entry = new LedgerEntry();
                    entry.accountId = (UUID) row[10];
                    entry.amount = ((Number) row[11]).longValue();
                    entries.add(entry);
                }
            }
        }
        if (firstBroken == null && head != null && (head.lastSeq != count || !head.lastHash.equals(previous))) {
            firstBroken = head.lastSeq; // postings missing at the end, or the head points elsewhere
        }
        return new Report(communityId, count, accounts.size(), firstBroken == null, firstBroken,
                head == null ? LedgerChain.GENESIS : head.lastHash, unbalanced.isEmpty(), unbalanced, mismatched.isEmpty(),
                mismatched, noNegative);
    }
}
