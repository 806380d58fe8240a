package org.linli.points.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.linli.points.ledger.PostingKind;

/** One line of a wallet's statement: what moved, why, when, and the balance right after. */
public record StatementLine(long entryId, UUID postingId, long seq, PostingKind kind, String reference, String reason,
        OffsetDateTime at, long amount, long balanceAfter) {
}
