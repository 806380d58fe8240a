package org.linli.points.ledger;

import java.util.List;
import java.util.UUID;

/** A committed-to-be posting with its entries. */
public record Posted(Posting posting, List<LedgerEntry> entries) {

    /** The balance of this account right after the posting. */
    public long balanceAfter(UUID accountId) {
        return entries.stream().filter(e -> e.accountId.equals(accountId)).mapToLong(e -> e.balanceAfter).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("account " + accountId + " is not in posting " + posting.id));
    }

    /** What this posting moved into (positive) or out of (negative) the account. */
    public long amountFor(UUID accountId) {
        return entries.stream().filter(e -> e.accountId.equals(accountId)).mapToLong(e -> e.amount).sum();
    }
}
