package org.linli.points.ledger;

/**
 * The accounts of one community's moral bank. Every unit that reaches a volunteer leaves an issuing account
 * (which alone may go negative: it shows how much the community has issued); every unit spent lands in a
 * sink account. Each kind counts one unit.
 */
public enum AccountKind {
    /** The community's source of points; its balance is minus the points in circulation and spent. */
    ISSUING(true, false, Unit.POINTS),
    /** A volunteer's points. */
    WALLET(false, true, Unit.POINTS),
    /** Points spent on rewards. */
    REDEMPTION(false, false, Unit.POINTS),
    /** The community's source of credited service minutes. */
    TIME_ISSUING(true, false, Unit.MINUTES),
    /** A volunteer's confirmed minutes not yet spent. */
    TIME_WALLET(false, true, Unit.MINUTES),
    /** Minutes turned into class time. */
    TIME_SPENT(false, false, Unit.MINUTES),
    /** The source of class credits. */
    CLASS_ISSUING(true, false, Unit.CLASS_CREDITS),
    /** A volunteer's class credits. */
    CLASS_WALLET(false, true, Unit.CLASS_CREDITS),
    /** Class credits spent on booked seats. */
    CLASS_SPENT(false, false, Unit.CLASS_CREDITS);

    private final boolean allowNegative;
    private final boolean owned;
    private final Unit unit;

    AccountKind(boolean allowNegative, boolean owned, Unit unit) {
        this.allowNegative = allowNegative;
        this.owned = owned;
        this.unit = unit;
    }

    public boolean allowNegative() {
        return allowNegative;
    }

    /** Whether each volunteer has one of their own (else there is one per community). */
    public boolean owned() {
        return owned;
    }

    public Unit unit() {
        return unit;
    }
}
