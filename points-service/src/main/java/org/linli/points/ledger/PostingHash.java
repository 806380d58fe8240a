package org.linli.points.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 that chains a posting to the one before it. It covers everything the posting says (number, kind,
 * reference, what it reverses, reason, who, when, and every entry), so changing any of it, or removing or
 * reordering a posting, breaks the chain from there on.
 */
final class PostingHash {

    private PostingHash() {
    }

    static String of(Posting p, List<LedgerEntry> entries) {
        StringBuilder text = new StringBuilder(256)
                .append(p.prevHash).append('|').append(p.seq).append('|').append(p.id).append('|').append(p.communityId)
                .append('|').append(p.kind).append('|').append(p.reference).append('|').append(p.reverses)
                .append('|').append(p.reason).append('|').append(p.createdBy)
                .append('|').append(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, p.createdAt.toInstant()));
        entries.stream().sorted(Comparator.comparing((LedgerEntry e) -> e.accountId.toString()))
                .forEach(e -> text.append('|').append(e.accountId).append(':').append(e.amount));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
