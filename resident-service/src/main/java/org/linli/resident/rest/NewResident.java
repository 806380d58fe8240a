package org.linli.resident.rest;

import java.time.LocalDate;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Gender;
import org.linli.resident.service.ResidentRegistry.Registration;

/** A resident as a community worker registers them. */
public record NewResident(
        @NotBlank @Size(max = 100) String name,
        @NotNull Gender gender,
        @NotNull @Past LocalDate birthDate,
        boolean livesAlone,
        boolean housebound,
        boolean chronicIllness,
        boolean lowIncome,
        @Size(max = 6) Set<@NotNull DietaryNeed> dietaryNeeds) {

    Registration toRegistration() {
        return new Registration(name, gender, birthDate, livesAlone, housebound, chronicIllness, lowIncome,
                dietaryNeeds == null ? Set.of() : dietaryNeeds);
    }
}
