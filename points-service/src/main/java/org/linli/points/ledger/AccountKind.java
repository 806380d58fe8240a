package org.linli.points.ledger;

/**
 * The accounts of one community's moral bank. Every unit that reaches a volunteer leaves an issuing account
 * (which alone may go negative: it shows how much the community has issued); every unit spent lands in a
 * sink account.
 */
public enum AccountKind {
    /** The community's source of points; its balance is minus the points in circulation and spent. */
    ISSUING(true, false),
    /** A volunteer's points. */
    WALLET(false, true),
    /** Points spent on rewards. */
    REDEMPTION(false, false),
    /** The community's source of credited service minutes. */
    TIME_ISSUING(true, false),
    /** A volunteer's confirmed minutes not yet spent. */
    TIME_WALLET(false, true),
    /** Minutes turned into class time. */
    TIME_SPENT(false, false),
    /** The source of class credits. */
    CLASS_ISSUING(true, false),
    /** A volunteer's class credits. */
    CLASS_WALLET(false, true),
    /** Class credits spent on booked seats. */
    CLASS_SPENT(false, false);

    private final boolean allowNegative;
    private final boolean owned;

    AccountKind(boolean allowNegative, boolean owned) {
        this.allowNegative = allowNegative;
        this.owned = owned;
    }

    public boolean allowNegative() {
        return allowNegative;
    }

    /** Whether each volunteer has one of their own (else there is one per community). */
    public boolean owned() {
        return owned;
    }
}
