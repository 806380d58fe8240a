package org.linli.points.ledger;

import java.util.Map;

/** A volunteer's wallets and their community's own accounts, fetched together (one query). */
public record Accounts(Map<AccountKind, LedgerAccount> byKind) {

    public LedgerAccount get(AccountKind kind) {
        LedgerAccount account = byKind.get(kind);
        if (account == null) {
            throw new IllegalStateException("no " + kind + " account was opened");
        }
        return account;
    }
}
