package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.Gender;
import org.linli.resident.domain.Resident;
import org.linli.resident.events.ResidentEvents;

import io.quarkus.logging.Log;

/** Registers residents and keeps their records; every change leaves through the outbox in the same transaction. */
@ApplicationScoped
@Transactional
public class ResidentRegistry {

    private final Outbox outbox;
    private final Clock clock;

    ResidentRegistry(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Registration(String name, Gender gender, LocalDate birthDate, boolean livesAlone, boolean housebound,
            boolean chronicIllness, boolean lowIncome, Set<DietaryNeed> dietaryNeeds) {
    }

    public Resident register(String communityId, Registration registration) {
        Resident resident = new Resident();
        resident.id = UUID.randomUUID();
        resident.communityId = communityId;
        resident.name = registration.name().strip();
        resident.gender = registration.gender();
        resident.birthDate = registration.birthDate();
        resident.livesAlone = registration.livesAlone();
        resident.housebound = registration.housebound();
        resident.chronicIllness = registration.chronicIllness();
        resident.lowIncome = registration.lowIncome();
        resident.dietaryNeeds(registration.dietaryNeeds());
        resident.registeredAt = OffsetDateTime.now(clock);
        resident.persist();
        outbox.publish(ResidentEvents.registered(resident, LocalDate.now(clock)));
        Log.infof("Resident %s registered in community %s", resident.id, communityId);
        return resident;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Resident> find(UUID residentId) {
        return Resident.findByIdOptional(residentId);
    }
}
