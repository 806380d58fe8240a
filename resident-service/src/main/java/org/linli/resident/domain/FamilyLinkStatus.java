package org.linli.resident.domain;

/**
 * Where a family link stands. A stored link is ACTIVE until it is revoked (REVOKED) or a newer link between the same
 * two people replaces it after its validity ran out (EXPIRED); an ACTIVE link past its {@code validUntil} answers EXPIRED.
 */
public enum FamilyLinkStatus {
    ACTIVE, EXPIRED, REVOKED
}
