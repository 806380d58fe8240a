package org.linli.canteen.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.AccountEntry;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.MealAccount;

/** The counter's view of meal accounts: top-ups by staff; the balance and statement for staff and the elder. */
@ApplicationScoped
@Transactional
public class PrepaidAccounts {

    private final CanteenScope scope;
    private final Diners diners;
    private final MealAccounts accounts;

    PrepaidAccounts(CanteenScope scope, Diners diners, MealAccounts accounts) {
        this.scope = scope;
        this.diners = diners;
        this.accounts = accounts;
    }

    public AccountEntry topUp(String communityId, UUID dinerId, long amountFen) {
        scope.managed(communityId);
        Diner diner = diners.visible(communityId, dinerId);
        return accounts.topUp(diner, amountFen, scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MealAccount account(String communityId, UUID dinerId) {
        diners.visible(communityId, dinerId);
        return accounts.account(dinerId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountEntry> statement(String communityId, UUID dinerId, int page, int size) {
        diners.visible(communityId, dinerId);
        return accounts.statement(dinerId, page, size);
    }
}
