package org.linli.resident.events;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Resident;

/**
 * The resident events this service publishes on {@value #TOPIC}, keyed by resident id. Payloads carry ids and
 * the flags consumers act on; never a name, phone, ID number, birth date or diagnosis. Documented in
 * docs/asyncapi.yaml.
 */
public final class ResidentEvents {

    public static final String TOPIC = "linli.resident.events";
    public static final String REGISTERED = "resident.registered.v1";
    public static final String UPDATED = "resident.updated.v1";
    public static final String MOVED_OUT = "resident.moved-out.v1";

    private ResidentEvents() {
    }

    /** What a consumer may know about a resident (ResidentRegistered and ResidentUpdated share it). */
    public record ResidentSnapshot(UUID residentId, String communityId, AgeBand ageBand, boolean aged60Plus,
            boolean livesAlone, boolean housebound, boolean lowIncome, Set<DietaryNeed> dietaryNeeds) {
    }

    public static OutgoingEvent registered(Resident resident, LocalDate today) {
        return event(REGISTERED, resident, snapshot(resident, today));
    }

    private static ResidentSnapshot snapshot(Resident r, LocalDate today) {
        AgeBand band = r.ageBand(today);
        return new ResidentSnapshot(r.id, r.communityId, band, band.aged60Plus(), r.livesAlone, r.housebound,
                r.lowIncome, r.dietaryNeeds());
    }

    private static OutgoingEvent event(String type, Resident resident, Object data) {
        return new OutgoingEvent(TOPIC, type, resident.id.toString(), "residents/" + resident.id,
                resident.communityId, data);
    }
}
