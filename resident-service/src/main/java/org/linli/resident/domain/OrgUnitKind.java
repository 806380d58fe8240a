package org.linli.resident.domain;

/** The levels of the organisation tree, top to bottom. */
public enum OrgUnitKind {
    DISTRICT(null), SUBDISTRICT(DISTRICT), COMMUNITY(SUBDISTRICT), GRID(COMMUNITY), BUILDING(GRID), UNIT(BUILDING);

    private final OrgUnitKind parent;

    OrgUnitKind(OrgUnitKind parent) {
        this.parent = parent;
    }

    /** The kind a unit of this kind hangs under (null for a district). */
    public OrgUnitKind parent() {
        return parent;
    }

    /** Districts, subdistricts and communities have a code used in URLs and tokens. */
    public boolean hasCode() {
        return ordinal() <= COMMUNITY.ordinal();
    }

    /** Districts, subdistricts and communities are created by district officers; the rest by community staff. */
    public boolean aboveCommunity() {
        return ordinal() <= COMMUNITY.ordinal();
    }
}
