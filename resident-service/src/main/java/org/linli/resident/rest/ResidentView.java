package org.linli.resident.rest;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Gender;
import org.linli.resident.domain.Relationship;
import org.linli.resident.domain.Resident;
import org.linli.resident.domain.ResidentStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resident's record; phone and national ID are masked unless the reader may and did ask to see them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResidentView(UUID id, String communityId, String name, Gender gender, LocalDate birthDate, int age,
        AgeBand ageBand, UUID householdId, Relationship relationshipToHead, UUID gridId, UUID buildingId, UUID unitId,
        String phone, String nationalId, boolean livesAlone, boolean housebound, Boolean chronicIllness, boolean lowIncome,
        boolean partyMember, Set<DietaryNeed> dietaryNeeds, ResidentStatus status, LocalDate movedOutOn) {

    static ResidentView of(Resident r, LocalDate today, Map<String, String> sensitive, boolean health) {
        return new ResidentView(r.id, r.communityId, r.name, r.gender, r.birthDate,
                Period.between(r.birthDate, today).getYears(), r.ageBand(today), r.householdId, r.relationshipToHead,
                r.gridId, r.buildingId, r.unitId, sensitive.get("phone"), sensitive.get("nationalId"), r.livesAlone,
                r.housebound, health ? r.chronicIllness : null, r.lowIncome, r.partyMember, r.dietaryNeeds(), r.status,
                r.movedOutOn);
    }
}
