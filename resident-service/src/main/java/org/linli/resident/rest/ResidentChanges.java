package org.linli.resident.rest;

import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.service.ResidentRegistry.Changes;

/** A partial change to a resident's record: fields left out stay as they are. */
public record ResidentChanges(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Pattern(regexp = PhoneNumber.PATTERN, message = "is not a phone number") String phone,
        Boolean livesAlone,
        Boolean housebound,
        Boolean chronicIllness,
        Boolean lowIncome,
        Boolean partyMember,
        @Size(max = 6) Set<@NotNull DietaryNeed> dietaryNeeds) {

    /**
     * A rule about the request as a whole, not a property a client sends: hidden from the schema (a client that sends
     * {@code changingSomething} gets 400 for an unknown field, like any other).
     */
    @AssertTrue(message = "must change at least one field")
    @Schema(hidden = true)
    boolean isChangingSomething() {
        return name != null || phone != null || livesAlone != null || housebound != null || chronicIllness != null
                || lowIncome != null || partyMember != null || dietaryNeeds != null;
    }

    Changes toChanges() {
        return new Changes(name, phone, livesAlone, housebound, chronicIllness, lowIncome, partyMember, dietaryNeeds);
    }
}
