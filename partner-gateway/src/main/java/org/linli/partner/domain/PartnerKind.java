package org.linli.partner.domain;

/** What a partner is to the communities it works with. */
public enum PartnerKind {
    /** Sponsors rewards and meals (e.g. a rural commercial bank). */
    BANK,
    /** Runs a community's kitchen. */
    CANTEEN_OPERATOR,
    /** Installs gas and smoke detectors in elders' homes and sends their alarms. */
    DEVICE_VENDOR
}
