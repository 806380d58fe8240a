package org.linli.resident.events;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.Resident;

/**
 * The resident events this service publishes on {@value #TOPIC}, keyed by resident id. Payloads carry ids and
 * the flags consumers act on; never a name, phone, ID number, birth date or diagnosis. Dietary needs travel only
 * with the resident's consent to share them with the canteen. Documented in docs/asyncapi.yaml.
 */
public final class ResidentEvents {

    public static final String TOPIC = "linli.resident.events";
    public static final String REGISTERED = "resident.registered.v1";
    public static final String UPDATED = "resident.updated.v1";
    public static final String MOVED_OUT = "resident.moved-out.v1";

    private ResidentEvents() {
    }

    /** What a consumer may know about a resident (ResidentRegistered and ResidentUpdated share it). */
    public record ResidentSnapshot(UUID residentId, String communityId, String districtId, UUID householdId,
            UUID gridId, UUID buildingId, UUID unitId, AgeBand ageBand, boolean aged60Plus, boolean livesAlone,
            boolean housebound, boolean lowIncome, Set<DietaryNeed> dietaryNeeds, boolean aged80Plus,
            String subDistrictId) {
    }

    public record ResidentMovedOut(UUID residentId, String communityId, LocalDate movedOutOn) {
    }

    public static OutgoingEvent registered(Resident resident, LocalDate today) {
        return event(REGISTERED, resident, snapshot(resident, today));
    }

    public static OutgoingEvent updated(Resident resident, LocalDate today) {
        return event(UPDATED, resident, snapshot(resident, today));
    }

    public static OutgoingEvent movedOut(Resident resident) {
        return event(MOVED_OUT, resident, new ResidentMovedOut(resident.id, resident.communityId, resident.movedOutOn));
    }

    public static ResidentSnapshot snapshot(Resident r, LocalDate today) {
        AgeBand band = r.ageBand(today);
        Set<DietaryNeed> dietary = Consent.given(r.id, ConsentPurpose.CANTEEN, today) ? r.dietaryNeeds() : Set.of();
        boolean aged80Plus = java.time.Period.between(r.birthDate, today).getYears() >= 80; // a flag, never the age
        return new ResidentSnapshot(r.id, r.communityId, r.districtId, r.householdId, r.gridId, r.buildingId, r.unitId,
                band, band.aged60Plus(), r.livesAlone, r.housebound, r.lowIncome, dietary, aged80Plus,
                OrgUnit.subDistrictOf(r.communityId).orElse(null));
    }

    private static OutgoingEvent event(String type, Resident resident, Object data) {
        return new OutgoingEvent(TOPIC, type, resident.id.toString(), "residents/" + resident.id,
                resident.communityId, data);
    }
}
