package org.linli.canteen.domain;

public enum EntryKind {
    TOP_UP, CHARGE, REFUND
}
