package org.linli.resident.rest;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Gender;
import org.linli.resident.domain.Relationship;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.privacy.ValidNationalId;
import org.linli.resident.service.ResidentRegistry.Registration;

/** A resident as a community worker registers them. */
public record NewResident(
        @NotBlank @Size(max = 100) String name,
        @NotNull Gender gender,
        @NotNull @Past LocalDate birthDate,
        UUID householdId,
        Relationship relationshipToHead,
        @PastOrPresent LocalDate movedInOn,
        @ValidNationalId String nationalId,
        @Pattern(regexp = PhoneNumber.PATTERN, message = "is not a phone number") String phone,
        boolean livesAlone,
        boolean housebound,
        boolean chronicIllness,
        boolean lowIncome,
        boolean partyMember,
        @Size(max = 6) Set<@NotNull DietaryNeed> dietaryNeeds) {

    Registration toRegistration() {
        return new Registration(name, gender, birthDate, householdId,
                relationshipToHead == null ? Relationship.OTHER : relationshipToHead, movedInOn, nationalId, phone, livesAlone,
                housebound, chronicIllness, lowIncome, partyMember, dietaryNeeds == null ? Set.of() : dietaryNeeds);
    }
}
