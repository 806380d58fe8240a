package org.linli.points.ledger;

/** One side of a posting: so much into (positive) or out of (negative) an account. */
public record Leg(LedgerAccount account, long amount) {

    public static Leg in(LedgerAccount account, long amount) {
        return new Leg(account, amount);
    }

    public static Leg out(LedgerAccount account, long amount) {
        return new Leg(account, -amount);
    }
}
