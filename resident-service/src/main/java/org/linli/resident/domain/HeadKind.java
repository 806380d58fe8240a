package org.linli.resident.domain;

/** The three heads (三长) and the level of the tree each looks after. */
public enum HeadKind {
    GRID_HEAD(OrgUnitKind.GRID), BUILDING_HEAD(OrgUnitKind.BUILDING), UNIT_HEAD(OrgUnitKind.UNIT);

    private final OrgUnitKind level;

    HeadKind(OrgUnitKind level) {
        this.level = level;
    }

    public OrgUnitKind level() {
        return level;
    }
}
