package org.linli.points.ledger;

import java.util.Map;
import java.util.UUID;

/**
 * A volunteer's wallets and their community's own accounts, fetched together (one query). {@code volunteerId} is
 * null when only the community's accounts were asked for.
 */
public record Accounts(String communityId, UUID volunteerId, Map<AccountKind, LedgerAccount> byKind) {

    public LedgerAccount get(AccountKind kind) {
        LedgerAccount account = byKind.get(kind);
        if (account == null) {
            throw new IllegalStateException("no " + kind + " account was opened");
        }
        return account;
    }
}
