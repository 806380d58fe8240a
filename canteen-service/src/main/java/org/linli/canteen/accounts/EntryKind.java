package org.linli.canteen.accounts;

public enum EntryKind {
    TOP_UP, CHARGE, REFUND
}
