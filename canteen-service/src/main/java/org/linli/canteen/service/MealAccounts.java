package org.linli.canteen.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.AccountEntry;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.EntryKind;
import org.linli.canteen.domain.MealAccount;
import org.linli.platform.problem.ConflictProblem;

import io.quarkus.panache.common.Sort;

/**
 * Prepaid meal accounts: topped up at the counter, charged the elder's part when a meal is ordered from the account,
 * refunded when that order is cancelled. A charge the balance does not cover is refused (409): the balance never goes
 * below zero (a check constraint says so too). Each change updates the row in one guarded statement, so concurrent
 * charges cannot overdraw it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MealAccounts {

    private final EntityManager entityManager;
    private final Clock clock;

    MealAccounts(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public AccountEntry topUp(Diner diner, long amountFen, String actor) {
        return post(diner, EntryKind.TOP_UP, amountFen, null, actor);
    }

    /** Charges the elder's part of an order; 409 when the balance does not cover it. */
    public AccountEntry charge(Diner diner, UUID orderId, long amountFen, String actor) {
        return post(diner, EntryKind.CHARGE, -amountFen, orderId, actor);
    }

    /** Whether the balance covers this amount now (the standing-order job chooses cash otherwise). */
    public boolean covers(Diner diner, long amountFen) {
        List<?> balance = entityManager.createNativeQuery("select balance_fen from meal_account where diner_id = ?1")
                .setParameter(1, diner.residentId).getResultList(); // a value, not an entity that could go stale
        return !balance.isEmpty() && ((Number) balance.get(0)).longValue() >= amountFen;
    }

    /** Gives back what an order charged (nothing if it was paid in cash); returns the amount refunded. */
    public long refund(Diner diner, UUID orderId, String actor) {
        AccountEntry charge = AccountEntry.find("dinerId = ?1 and orderId = ?2 and kind = ?3", diner.residentId, orderId,
                EntryKind.CHARGE).firstResult();
        if (charge == null || AccountEntry.count("dinerId = ?1 and orderId = ?2 and kind = ?3", diner.residentId, orderId,
                EntryKind.REFUND) > 0) {
            return 0;
        }
        post(diner, EntryKind.REFUND, -charge.amountFen, orderId, actor);
        return -charge.amountFen;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MealAccount account(UUID dinerId) {
        return MealAccount.findById(dinerId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountEntry> statement(UUID dinerId, int page, int size) {
        return AccountEntry.<AccountEntry>find("dinerId", Sort.by("id"), dinerId).page(page, size).list();
    }

    /**
     * One statement moves the balance, and only if it stays at zero or above: the row lock it takes serialises
     * concurrent changes to one account without a separate read.
     */
    private AccountEntry post(Diner diner, EntryKind kind, long amountFen, UUID orderId, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<?> balance = entityManager.createNativeQuery("update meal_account set balance_fen = balance_fen + ?1, "
                + "updated_at = ?2 where diner_id = ?3 and balance_fen + ?1 >= 0 returning balance_fen")
                .setParameter(1, amountFen).setParameter(2, now).setParameter(3, diner.residentId).getResultList();
        if (balance.isEmpty()) {
            MealAccount account = locked(diner);
            if (account.balanceFen + amountFen < 0) {
                throw new ConflictProblem("The meal account holds " + account.balanceFen + " fen; the meal costs the "
                        + "elder " + -amountFen + " fen. Top it up or pay in cash");
            }
            account.balanceFen += amountFen; // a new account's first entry
            account.updatedAt = now;
            balance = List.of(account.balanceFen);
        }
        AccountEntry entry = new AccountEntry();
        entry.dinerId = diner.residentId;
        entry.kind = kind;
        entry.amountFen = amountFen;
        entry.balanceAfterFen = ((Number) balance.get(0)).longValue();
        entry.orderId = orderId;
        entry.recordedBy = actor;
        entry.recordedAt = now;
        entry.persist();
        return entry;
    }

    /** The account, locked and read afresh (a copy loaded earlier in the transaction may be stale). */
    private MealAccount locked(Diner diner) {
        MealAccount account = MealAccount.findById(diner.residentId);
        if (account != null) {
            entityManager.refresh(account, LockModeType.PESSIMISTIC_WRITE);
            return account;
        }
        entityManager.createNativeQuery("insert into meal_account (diner_id, community_id, balance_fen, updated_at) "
                + "values (?1, ?2, 0, ?3) on conflict do nothing")
                .setParameter(1, diner.residentId).setParameter(2, diner.communityId)
                .setParameter(3, OffsetDateTime.now(clock)).executeUpdate();
        account = MealAccount.findById(diner.residentId);
        entityManager.refresh(account, LockModeType.PESSIMISTIC_WRITE);
        return account;
    }
}
