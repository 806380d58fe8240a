package org.linli.points.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;

import io.quarkus.logging.Log;

/**
 * The append-only double-entry ledger. Every change of a balance is a {@link Posting}, asked for by one of
 * {@link PostingRequest}'s named kinds, whose entries sum to zero per unit and all lie in the posting's community;
 * it is posted at most once per reference, chained to the community's previous posting by a hash, and applied to
 * the accounts' kept balances in the same transaction. Nothing here updates or deletes a posting: a correction is
 * {@link #reverse a reversing posting}.
 *
 * <p>Locks are taken in one order — volunteers' accounts, then the community's chain head, then the community's
 * own accounts — so concurrent postings queue rather than deadlock.
 *
 * <p>The ledger's tables (accounts, postings, entries, chain heads) are written only by the statements here, never
 * through the ORM, and reference no other table: so its statements ({@link #sql}) do not flush the session first.
 * What the caller changed through the ORM (the confirmed service, say) is written at commit, in one batch, instead of
 * being flushed — and dirty-checked — before each ledger statement (a tenth of a confirmation's CPU, issue 17).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Ledger {

    private final EntityManager em;
    private final Clock clock;

    Ledger(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A statement on the ledger's own tables: it needs no flush of the session (see the class comment). */
    private Query sql(String statement) {
        return em.createNativeQuery(statement).setFlushMode(FlushModeType.COMMIT);
    }

    /** A volunteer's account of this kind (WALLET, TIME_WALLET, CLASS_WALLET), opened on first use. */
    public LedgerAccount wallet(String communityId, UUID volunteerId, AccountKind kind, Unit unit) {
        if (!kind.owned() || kind.unit() != unit) {
            throw new IllegalArgumentException(kind + " is not a volunteer's account in " + unit);
        }
        return accounts(communityId, volunteerId).get(kind);
    }

    /**
     * The volunteer's three wallets (none when {@code volunteerId} is null) and the community's six accounts, in one
     * query; any not opened yet are opened first.
     */
    public Accounts accounts(String communityId, UUID volunteerId) {
        int expected = AccountKind.values().length - (volunteerId == null ? 3 : 0);
        List<LedgerAccount> found = find(communityId, volunteerId);
        if (found.size() < expected) {
            openAll(communityId, volunteerId);
            found = find(communityId, volunteerId);
        }
        Map<AccountKind, LedgerAccount> byKind = new EnumMap<>(AccountKind.class);
        found.forEach(a -> byKind.put(a.kind, a));
        return new Accounts(communityId, volunteerId, byKind);
    }

    /** A volunteer's account if it exists. */
    public Optional<LedgerAccount> findWallet(String communityId, UUID volunteerId, AccountKind kind) {
        return LedgerAccount.find("ownerId = ?1 and communityId = ?2 and kind = ?3", volunteerId, communityId, kind)
                .firstResultOptional();
    }

    /** Opens a volunteer's three wallets (points, minutes, class credits) and, if need be, the community's accounts. */
    public void openWallets(String communityId, UUID volunteerId) {
        openAll(communityId, volunteerId);
    }

    /** Freezes (or thaws) every account of a volunteer: a frozen account takes no posting. */
    public int freeze(UUID volunteerId, boolean frozen) {
        return sql("""
                with l as (select id from ledger_account where owner_id = ?2 order by id for update)
                update ledger_account set frozen = ?1 where id in (select id from l)""")
                .setParameter(1, frozen).setParameter(2, volunteerId).executeUpdate();
    }

    /** The account's balance now (O(1): kept with the account). */
    public long balance(UUID accountId) {
        return ((Number) sql("select balance from ledger_account where id = ?1").setParameter(1, accountId)
                .getSingleResult()).longValue();
    }

    /**
     * Locks all of a volunteer's accounts in this community for the rest of the transaction (before reading what a
     * rule depends on), in id order like every posting, so that it never deadlocks with one.
     */
    public void lockVolunteer(String communityId, UUID volunteerId) {
        sql("select id from ledger_account where owner_id = ?1 and community_id = ?2 order by id for update")
                .setParameter(1, volunteerId).setParameter(2, communityId).getResultList();
    }

    /** Whether something was posted under this reference (see {@link PostingRequest} for the references). */
    public boolean isPosted(String communityId, String reference) {
        return Posting.count("communityId = ?1 and reference = ?2", communityId, reference) > 0;
    }

    /**
     * Posts what is asked. Refuses (and posts nothing) when the legs do not balance per unit or reach into another
     * community, an account is frozen, or an account other than an issuing one would go below zero; a reference
     * posted before breaks the unique constraint (a 409). Four round trips whatever the number of legs: the
     * volunteer's accounts, the chain head, the community's accounts, then the posting with its entries and the
     * new chain head in one statement.
     */
    public Posted post(PostingRequest request) {
        String communityId = request.communityId();
        List<Leg> legs = request.legs();
        checkLegs(communityId, legs);
        List<Leg> owned = legs.stream().filter(l -> l.account().ownerId != null)
                .sorted(Comparator.comparing((Leg l) -> l.account().id)).toList();
        List<Leg> community = legs.stream().filter(l -> l.account().ownerId == null)
                .sorted(Comparator.comparing((Leg l) -> l.account().id)).toList();

        Map<UUID, Long> after = new HashMap<>();
        apply(owned, after);
        Object[] head = lockChain(communityId);
        apply(community, after);

        Posting posting = new Posting();
        posting.id = UUID.randomUUID();
        posting.communityId = communityId;
        posting.seq = ((Number) head[0]).longValue() + 1;
        posting.kind = request.kind();
        posting.reference = request.reference();
        posting.reverses = request.reverses();
        posting.reason = request.reason();
        posting.createdBy = request.actor();
        posting.createdAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        posting.prevHash = (String) head[1];
        List<LedgerEntry> entries = new ArrayList<>();
        for (Leg leg : legs) {
            LedgerEntry entry = new LedgerEntry();
            entry.postingId = posting.id;
            entry.accountId = leg.account().id;
            entry.amount = leg.amount();
            entry.balanceAfter = after.get(leg.account().id);
            entries.add(entry);
        }
        posting.hash = PostingHash.of(posting, entries);
        record(posting, entries);
        Log.debugf("Posted %s %s (%s), seq %d", posting.kind, posting.id, posting.reference, posting.seq);
        return new Posted(posting, entries);
    }

    /**
     * Posts the exact opposite of an earlier posting, once: a cancellation or a correction, with who and why.
     * Refused when it would take a volunteer below zero (the points were spent) or was reversed before.
     */
    public Posted reverse(Posting original, String reason, String actor) {
        if (original.kind == PostingKind.REVERSAL) {
            throw new ConflictProblem("A reversal is not reversed; post a new correction instead");
        }
        if (Posting.count("reverses", original.id) > 0
                || isPosted(original.communityId, PostingRequest.reversalReference(original.id))) {
            throw new ConflictProblem("Posting " + original.id + " was already reversed");
        }
        return post(PostingRequest.reversal(original, entries(original.id), reason, actor));
    }

    public List<LedgerEntry> entries(UUID postingId) {
        return LedgerEntry.list("postingId = ?1 order by id", postingId);
    }

    private static void checkLegs(String communityId, List<Leg> legs) {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a posting needs entries");
        }
        Map<Unit, Long> sums = new EnumMap<>(Unit.class);
        for (Leg leg : legs) {
            if (leg.amount() == 0) {
                throw new IllegalArgumentException("an entry of zero says nothing");
            }
            if (!leg.account().communityId.equals(communityId)) {
                throw new IllegalArgumentException("a posting of " + communityId + " moves account " + leg.account().id
                        + " of " + leg.account().communityId);
            }
            sums.merge(leg.account().unit, leg.amount(), Long::sum);
        }
        sums.forEach((unit, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("posting does not balance in " + unit + ": " + sum);
            }
        });
    }

    /** Applies legs to their accounts in one statement, locking them in id order; refuses a frozen or overdrawn one. */
    private void apply(List<Leg> legs, Map<UUID, Long> after) {
        if (legs.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < legs.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(cast(?").append(2 * i + 1).append(" as uuid), cast(?").append(2 * i + 2)
                    .append(" as bigint))");
        }
        var query = sql("with v(id, amount) as (values " + values + "), "
                + "locked as (select a.id from ledger_account a join v on v.id = a.id order by a.id for update of a) "
                + "update ledger_account a set balance = a.balance + v.amount from v "
                + "where a.id = v.id and a.id in (select id from locked) and not a.frozen "
                + "and (a.allow_negative or a.balance + v.amount >= 0) returning a.id, a.balance");
        for (int i = 0; i < legs.size(); i++) {
            query.setParameter(2 * i + 1, legs.get(i).account().id).setParameter(2 * i + 2, legs.get(i).amount());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        rows.forEach(row -> after.put((UUID) row[0], ((Number) row[1]).longValue()));
        for (Leg leg : legs) {
            if (!after.containsKey(leg.account().id)) {
                refuse(leg);
            }
        }
    }

    private void refuse(Leg leg) {
        LedgerAccount account = leg.account();
        Object[] state = (Object[]) sql("select frozen, balance from ledger_account where id = ?1")
                .setParameter(1, account.id).getSingleResult();
        if ((Boolean) state[0]) {
            throw new ConflictProblem("The " + describe(account) + " is frozen: the volunteer has moved out");
        }
        throw new InsufficientBalanceException("Not enough " + unitName(account.unit) + ": the " + describe(account)
                + " holds " + state[1] + ", this needs " + -leg.amount());
    }

    /** Locks the community's chain head (creating it for the first posting) and returns its seq and hash. */
    private Object[] lockChain(String communityId) {
        return (Object[]) sql("""
                insert into ledger_chain (community_id, last_seq, last_hash) values (?1, 0, ?2)
                on conflict (community_id) do update set community_id = excluded.community_id
                returning last_seq, last_hash""").setParameter(1, communityId).setParameter(2, LedgerChain.GENESIS)
                .getSingleResult();
    }

    /** The posting, its entries and the new chain head, in one statement. */
    private void record(Posting p, List<LedgerEntry> entries) {
        StringBuilder values = new StringBuilder();
        int first = 12;
        for (int i = 0; i < entries.size(); i++) {
            int n = first + 3 * i;
            values.append(i == 0 ? "" : ", ").append("(cast(?").append(n).append(" as uuid), cast(?").append(n + 1)
                    .append(" as bigint), cast(?").append(n + 2).append(" as bigint))");
        }
        @SuppressWarnings("unchecked")
        org.hibernate.query.NativeQuery<Object> query = sql("with p as (insert into posting (id, community_id, seq, kind, reference, reverses, "
                + "reason, created_by, created_at, prev_hash, hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                + "returning id), "
                + "e as (insert into ledger_entry (posting_id, account_id, amount, balance_after) "
                + "select (select id from p), v.account_id, v.amount, v.balance_after from (values " + values
                + ") v(account_id, amount, balance_after)) "
                + "update ledger_chain set last_seq = ?3, last_hash = ?11 where community_id = ?2")
                .unwrap(org.hibernate.query.NativeQuery.class);
        query.setParameter(1, p.id).setParameter(2, p.communityId).setParameter(3, p.seq).setParameter(4, p.kind.name())
                .setParameter(5, p.reference).setParameter(6, p.reverses, UUID.class)
                .setParameter(7, p.reason, String.class).setParameter(8, p.createdBy).setParameter(9, p.createdAt)
                .setParameter(10, p.prevHash).setParameter(11, p.hash);
        for (int i = 0; i < entries.size(); i++) {
            int n = first + 3 * i;
            query.setParameter(n, entries.get(i).accountId).setParameter(n + 1, entries.get(i).amount)
                    .setParameter(n + 2, entries.get(i).balanceAfter);
        }
        query.executeUpdate();
    }

    private List<LedgerAccount> find(String communityId, UUID volunteerId) {
        return volunteerId == null
                ? LedgerAccount.list("communityId = ?1 and ownerId is null", communityId)
                : LedgerAccount.list("(communityId = ?1 and ownerId is null) or (ownerId = ?2 and communityId = ?1)",
                        communityId, volunteerId);
    }

    private void openAll(String communityId, UUID volunteerId) {
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(communityId, OffsetDateTime.now(clock)));
        for (AccountKind kind : AccountKind.values()) {
            if (kind.owned() && volunteerId == null) {
                continue;
            }
            params.add(kind.name());
            params.add(kind.unit().name());
            params.add(kind.allowNegative());
            int n = params.size() - 2;
            String owner = "null";
            if (kind.owned()) {
                params.add(volunteerId);
                owner = "?" + (n + 3);
            }
            values.append(values.length() == 0 ? "" : ", ").append("(gen_random_uuid(), ?1, ?").append(n).append(", ?")
                    .append(n + 1).append(", ").append(owner).append(", 0, ?").append(n + 2).append(", false, ?2)");
        }
        var query = sql("insert into ledger_account (id, community_id, kind, unit, owner_id, balance, "
                + "allow_negative, frozen, created_at) values " + values + " on conflict do nothing");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        query.executeUpdate();
    }

    private static String describe(LedgerAccount account) {
        return switch (account.kind) {
            case WALLET -> "points wallet";
            case TIME_WALLET -> "service-minutes wallet";
            case CLASS_WALLET -> "class-credit wallet";
            default -> account.kind.name().toLowerCase().replace('_', ' ') + " account";
        };
    }

    private static String unitName(Unit unit) {
        return switch (unit) {
            case POINTS -> "points";
            case MINUTES -> "service minutes";
            case CLASS_CREDITS -> "class credits";
        };
    }
}
