package org.linli.resident.events;

import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.OrgUnitKind;

/**
 * The organisation tree above the buildings, for dashboards: districts, sub-districts, communities and grids with their
 * codes and names (place names, never personal data). Buildings and units stay in resident-service: they are addresses.
 */
public final class OrgUnitEvents {

    public static final String TOPIC = ResidentEvents.TOPIC;
    public static final String CHANGED = "org-unit.changed.v1";

    private OrgUnitEvents() {
    }

    public record OrgUnitChanged(UUID unitId, OrgUnitKind kind, String code, String name, UUID parentId,
            String communityId, String districtId, String subDistrictId) {
    }

    /** Whether a unit of this kind is published at all. */
    public static boolean published(OrgUnitKind kind) {
        return kind != OrgUnitKind.BUILDING && kind != OrgUnitKind.UNIT;
    }

    public static OutgoingEvent changed(OrgUnit unit) {
        String subDistrict = switch (unit.kind) {
            case SUBDISTRICT -> unit.code;
            case COMMUNITY, GRID -> unit.communityCode == null ? null : OrgUnit.subDistrictOf(unit.communityCode).orElse(null);
            default -> null;
        };
        return new OutgoingEvent(TOPIC, CHANGED, unit.id.toString(), "org-units/" + unit.id, unit.communityCode,
                new OrgUnitChanged(unit.id, unit.kind, unit.code, unit.name, unit.parentId, unit.communityCode,
                        unit.districtCode, subDistrict));
    }
}
