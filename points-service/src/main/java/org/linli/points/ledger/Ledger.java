package org.linli.points.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictException;

/**
 * The append-only double-entry ledger. Every change of a balance is a {@link Posting} whose entries sum to zero
 * per unit, posted at most once per reference, chained to the community's previous posting by a hash, and
 * applied to the accounts' kept balances in the same transaction. Nothing here updates or deletes a posting:
 * a correction is {@link #reverse a reversing posting}.
 *
 * <p>Locks are taken in one order — volunteers' accounts, then the community's chain head, then the community's
 * own accounts — so concurrent postings queue rather than deadlock.
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

    /** The community's own account of this kind, opened on first use. */
    public LedgerAccount account(String communityId, AccountKind kind, Unit unit) {
        if (kind.owned()) {
            throw new IllegalArgumentException(kind + " belongs to a volunteer");
        }
        return open(communityId, kind, unit, null);
    }

    /** A volunteer's account of this kind (WALLET, TIME_WALLET, CLASS_WALLET), opened on first use. */
    public LedgerAccount wallet(String communityId, UUID volunteerId, AccountKind kind, Unit unit) {
        if (!kind.owned()) {
            throw new IllegalArgumentException(kind + " is the community's");
        }
        return open(communityId, kind, unit, volunteerId);
    }

    /** A volunteer's account if it exists. */
    public Optional<LedgerAccount> findWallet(UUID volunteerId, AccountKind kind) {
        return LedgerAccount.find("ownerId = ?1 and kind = ?2", volunteerId, kind).firstResultOptional();
    }

    /** Opens a volunteer's three wallets (points, minutes, class credits). */
    public void openWallets(String communityId, UUID volunteerId) {
        wallet(communityId, volunteerId, AccountKind.WALLET, Unit.POINTS);
        wallet(communityId, volunteerId, AccountKind.TIME_WALLET, Unit.MINUTES);
        wallet(communityId, volunteerId, AccountKind.CLASS_WALLET, Unit.CLASS_CREDITS);
    }

    /** Freezes (or thaws) every account of a volunteer: a frozen account takes no posting. */
    public int freeze(UUID volunteerId, boolean frozen) {
        return em.createNativeQuery("update ledger_account set frozen = ?1 where owner_id = ?2")
                .setParameter(1, frozen).setParameter(2, volunteerId).executeUpdate();
    }

    /** The account's balance now (O(1): kept with the account). */
    public long balance(UUID accountId) {
        return ((Number) em.createNativeQuery("select balance from ledger_account where id = ?1").setParameter(1, accountId)
                .getSingleResult()).longValue();
    }

    /** Locks a volunteer's account for the rest of the transaction (before reading what a rule depends on). */
    public void lock(LedgerAccount account) {
        em.createNativeQuery("select id from ledger_account where id = ?1 for update").setParameter(1, account.id)
                .getSingleResult();
    }

    public boolean isPosted(String communityId, String reference) {
        return Posting.count("communityId = ?1 and reference = ?2", communityId, reference) > 0;
    }

    public Optional<Posting> byReference(String communityId, String reference) {
        return Posting.find("communityId = ?1 and reference = ?2", communityId, reference).firstResultOptional();
    }

    /**
     * Posts balanced legs. Refuses (and posts nothing) when the legs do not balance per unit, an account is
     * frozen, an account other than an issuing one would go below zero, or the reference was posted before.
     */
    public Posted post(String communityId, PostingKind kind, String reference, UUID reverses, String reason, String actor,
            List<Leg> legs) {
        checkBalanced(legs);
        if (isPosted(communityId, reference)) {
            throw new ConflictException("Already posted: " + reference);
        }
        List<Leg> ordered = new ArrayList<>(legs);
        ordered.sort(Comparator.comparing((Leg l) -> l.account().ownerId == null)
                .thenComparing(l -> l.account().id));

        List<LedgerEntry> entries = new ArrayList<>();
        boolean chained = false;
        Object[] head = null;
        for (Leg leg : ordered) {
            boolean communityAccount = leg.account().ownerId == null;
            if (communityAccount && !chained) {
                head = lockChain(communityId);
                chained = true;
            }
            entries.add(apply(leg));
        }
        if (!chained) {
            head = lockChain(communityId);
        }

        Posting posting = new Posting();
        posting.id = UUID.randomUUID();
        posting.communityId = communityId;
        posting.seq = ((Number) head[0]).longValue() + 1;
        posting.kind = kind;
        posting.reference = reference;
        posting.reverses = reverses;
        posting.reason = reason;
        posting.createdBy = actor;
        posting.createdAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        posting.prevHash = (String) head[1];
        for (LedgerEntry entry : entries) {
            entry.postingId = posting.id;
        }
        posting.hash = PostingHash.of(posting, entries);
        posting.persist();
        em.flush(); // the posting row before its entries (foreign key)
        for (LedgerEntry entry : entries) {
            entry.persist();
        }
        em.createNativeQuery("update ledger_chain set last_seq = ?1, last_hash = ?2 where community_id = ?3")
                .setParameter(1, posting.seq).setParameter(2, posting.hash).setParameter(3, communityId).executeUpdate();
        return new Posted(posting, entries);
    }

    /**
     * Posts the exact opposite of an earlier posting, once: a cancellation or a correction, with who and why.
     * Refused when it would take a volunteer below zero (the points were spent) or was reversed before.
     */
    public Posted reverse(Posting original, String reason, String actor) {
        if (original.kind == PostingKind.REVERSAL) {
            throw new ConflictException("A reversal is not reversed; post a new correction instead");
        }
        if (Posting.count("reverses", original.id) > 0) {
            throw new ConflictException("Posting " + original.id + " was already reversed");
        }
        List<Leg> legs = new ArrayList<>();
        for (LedgerEntry entry : entries(original.id)) {
            legs.add(new Leg(LedgerAccount.findById(entry.accountId), -entry.amount));
        }
        return post(original.communityId, PostingKind.REVERSAL, "reversal:" + original.id, original.id, reason, actor, legs);
    }

    public List<LedgerEntry> entries(UUID postingId) {
        return LedgerEntry.list("postingId = ?1 order by id", postingId);
    }

    private static void checkBalanced(List<Leg> legs) {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a posting needs entries");
        }
        Map<Unit, Long> sums = new EnumMap<>(Unit.class);
        for (Leg leg : legs) {
            if (leg.amount() == 0) {
                throw new IllegalArgumentException("an entry of zero says nothing");
            }
            sums.merge(leg.account().unit, leg.amount(), Long::sum);
        }
        sums.forEach((unit, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("posting does not balance in " + unit + ": " + sum);
            }
        });
    }

    private LedgerEntry apply(Leg leg) {
        LedgerAccount account = leg.account();
        @SuppressWarnings("unchecked")
        List<Object> balance = em.createNativeQuery("""
                update ledger_account set balance = balance + ?1
                where id = ?2 and not frozen and (allow_negative or balance + ?1 >= 0)
                returning balance""").setParameter(1, leg.amount()).setParameter(2, account.id).getResultList();
        if (balance.isEmpty()) {
            Object[] state = (Object[]) em.createNativeQuery("select frozen, balance from ledger_account where id = ?1")
                    .setParameter(1, account.id).getSingleResult();
            if ((Boolean) state[0]) {
                throw new ConflictException("The " + describe(account) + " is frozen: the volunteer has moved out");
            }
            throw new InsufficientBalanceException("Not enough " + unitName(account.unit) + ": the " + describe(account)
                    + " holds " + state[1] + ", this needs " + -leg.amount());
        }
        long after = ((Number) balance.get(0)).longValue();
        LedgerEntry entry = new LedgerEntry();
        entry.accountId = account.id;
        entry.amount = leg.amount();
        entry.balanceAfter = after;
        return entry;
    }

    private Object[] lockChain(String communityId) {
        em.createNativeQuery("insert into ledger_chain (community_id, last_seq, last_hash) values (?1, 0, ?2) "
                + "on conflict do nothing").setParameter(1, communityId).setParameter(2, LedgerChain.GENESIS).executeUpdate();
        return (Object[]) em.createNativeQuery(
                "select last_seq, last_hash from ledger_chain where community_id = ?1 for update")
                .setParameter(1, communityId).getSingleResult();
    }

    private LedgerAccount open(String communityId, AccountKind kind, Unit unit, UUID owner) {
        Optional<LedgerAccount> existing = find(communityId, kind, unit, owner);
        if (existing.isPresent()) {
            return existing.get();
        }
        em.createNativeQuery("""
                insert into ledger_account (id, community_id, kind, unit, owner_id, balance, allow_negative, frozen, created_at)
                values (?1, ?2, ?3, ?4, ?5, 0, ?6, false, ?7) on conflict do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, communityId).setParameter(3, kind.name())
                .setParameter(4, unit.name()).setParameter(5, owner).setParameter(6, kind.allowNegative())
                .setParameter(7, OffsetDateTime.now(clock)).executeUpdate();
        return find(communityId, kind, unit, owner).orElseThrow();
    }

    private static Optional<LedgerAccount> find(String communityId, AccountKind kind, Unit unit, UUID owner) {
        return owner == null
                ? LedgerAccount.find("communityId = ?1 and kind = ?2 and unit = ?3 and ownerId is null", communityId, kind, unit)
                        .firstResultOptional()
                : LedgerAccount.find("communityId = ?1 and kind = ?2 and unit = ?3 and ownerId = ?4", communityId, kind, unit,
                        owner).firstResultOptional();
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
