package org.linli.canteen.domain;

/** Who carries a run: canteen staff (id = their staff account) or a volunteer (id = their resident id). */
public enum DelivererKind {
    STAFF, VOLUNTEER
}
