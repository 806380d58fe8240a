package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.EmergencyContact;
import org.linli.resident.domain.Resident;
import org.linli.resident.events.ResidentEvents;
import org.linli.resident.privacy.PiiCipher;

import io.quarkus.panache.common.Sort;

/** A resident's consents and the relatives to tell when something goes wrong. */
@ApplicationScoped
@Transactional
public class CareCircle {

    private final ResidentScope scope;
    private final ResidentRegistry registry;
    private final PiiCipher pii;
    private final AuditTrail audit;
    private final Clock clock;
    private final Event<ConsentWithdrawn> withdrawals;

    CareCircle(ResidentScope scope, ResidentRegistry registry, PiiCipher pii, AuditTrail audit, Clock clock,
            Event<ConsentWithdrawn> withdrawals) {
        this.scope = scope;
        this.registry = registry;
        this.pii = pii;
        this.audit = audit;
        this.clock = clock;
        this.withdrawals = withdrawals;
    }

    public Consent grant(String communityCode, UUID residentId, ConsentPurpose purpose, LocalDate validUntil) {
        Resident resident = scope.manageableResident(communityCode, residentId);
        ResidentEvents.ResidentSnapshot before = ResidentEvents.snapshot(resident, LocalDate.now(clock));
        Consent consent = record(resident, purpose, scope.actor());
        consent.validUntil = validUntil;
        if (resident.active()) {
            registry.publishIfChanged(resident, before);
        }
        return consent;
    }

    /** Records a consent given now, by whom (a worker's account, or "self" when the resident acted themselves). */
    Consent record(Resident resident, ConsentPurpose purpose, String recordedBy) {
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.residentId = resident.id;
        consent.purpose = purpose;
        consent.recordedBy = recordedBy;
        consent.grantedAt = OffsetDateTime.now(clock);
        consent.persist();
        audit.record("CONSENT", resident.communityId, "resident", resident.id, purpose.name());
        return consent;
    }

    public Consent withdraw(String communityCode, UUID residentId, UUID consentId) {
        Resident resident = scope.manageableResident(communityCode, residentId);
        ResidentEvents.ResidentSnapshot before = ResidentEvents.snapshot(resident, LocalDate.now(clock));
        Consent consent = Consent.<Consent>findByIdOptional(consentId)
                .filter(c -> c.residentId.equals(resident.id) && c.withdrawnAt == null)
                .orElseThrow(() -> new NotFoundProblem("No consent " + consentId + " in force for this resident"));
        consent.withdrawnAt = OffsetDateTime.now(clock);
        consent.withdrawnBy = scope.actor();
        audit.record("WITHDRAW_CONSENT", communityCode, "resident", resident.id, consent.purpose.name());
        withdrawals.fire(new ConsentWithdrawn(resident, consent));
        if (resident.active()) {
            registry.publishIfChanged(resident, before);
        }
        return consent;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Consent> consents(String communityCode, UUID residentId) {
        Resident resident = scope.visibleResident(communityCode, residentId);
        return Consent.list("residentId", Sort.by("grantedAt"), resident.id);
    }

    public EmergencyContact addContact(String communityCode, UUID residentId, String name, String relationship,
            String phone, int priority) {
        Resident resident = scope.manageableResident(communityCode, residentId);
        if (!Consent.given(resident.id, ConsentPurpose.CARE_ALERTS, LocalDate.now(clock))) {
            throw new ConflictProblem("The resident has not consented to care alerts (purpose CARE_ALERTS): "
                    + "record the consent before storing relatives' contacts");
        }
        EmergencyContact contact = new EmergencyContact();
        contact.id = UUID.randomUUID();
        contact.residentId = resident.id;
        contact.name = name.strip();
        contact.relationship = relationship.strip();
        contact.phoneCipher = pii.encrypt(phone);
        contact.priority = priority;
        contact.createdAt = OffsetDateTime.now(clock);
        contact.persist();
        audit.record("CREATE", communityCode, "emergency-contact", contact.id);
        return contact;
    }

    public void removeContact(String communityCode, UUID residentId, UUID contactId) {
        Resident resident = scope.manageableResident(communityCode, residentId);
        EmergencyContact contact = EmergencyContact.<EmergencyContact>findByIdOptional(contactId)
                .filter(c -> c.residentId.equals(resident.id) && c.removedAt == null)
                .orElseThrow(() -> new NotFoundProblem("No emergency contact " + contactId));
        contact.removedAt = OffsetDateTime.now(clock);
        audit.record("REMOVE", communityCode, "emergency-contact", contact.id);
    }

    /** The current contacts, first to call first; phones are decrypted (and the read audited) only when asked. */
    public List<EmergencyContact> contacts(String communityCode, UUID residentId, boolean revealPhones, String reason) {
        Resident resident = scope.visibleResident(communityCode, residentId);
        List<EmergencyContact> contacts = EmergencyContact.list("residentId = ?1 and removedAt is null",
                Sort.by("priority").and("createdAt"), resident.id);
        if (revealPhones && !contacts.isEmpty()) {
            if (!scope.canManage(resident)) {
                throw new ForbiddenProblem("Relatives' phones are revealed only to those who manage the resident");
            }
            if (reason == null || reason.isBlank()) {
                throw new InvalidRequestProblem("reason", "say why you need relatives' phones in full; the reason is kept in the audit trail");
            }
            audit.revealed(communityCode, "resident", resident.id, reason.strip(), "emergencyContacts.phone");
        }
        return contacts;
    }

    public String phone(EmergencyContact contact, boolean reveal) {
        String phone = pii.decrypt(contact.phoneCipher);
        return reveal ? phone : org.linli.resident.privacy.PhoneNumber.mask(phone);
    }
}
