package org.linli.resident.rest;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import java.util.UUID;

import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Gender;
import org.linli.resident.domain.Resident;

public record ResidentView(UUID id, String communityId, String name, Gender gender, LocalDate birthDate, int age,
        AgeBand ageBand, boolean livesAlone, boolean housebound, boolean chronicIllness, boolean lowIncome,
        Set<DietaryNeed> dietaryNeeds, LocalDate movedOutOn) {

    static ResidentView of(Resident r, LocalDate today) {
        return new ResidentView(r.id, r.communityId, r.name, r.gender, r.birthDate,
                Period.between(r.birthDate, today).getYears(), r.ageBand(today), r.livesAlone, r.housebound,
                r.chronicIllness, r.lowIncome, r.dietaryNeeds(), r.movedOutOn);
    }
}
