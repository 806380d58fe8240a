package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.resident.domain.DuplicateSuspect;
import org.linli.resident.domain.Resident;
import org.linli.resident.domain.ResidentStatus;
import org.linli.resident.events.ResidentEvents;

import io.quarkus.panache.common.Sort;

/** Likely duplicate registrations, for a worker to merge (the newer record points at the kept one) or dismiss. */
@ApplicationScoped
@Transactional
public class Duplicates {

    private final ResidentScope scope;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    Duplicates(ResidentScope scope, AuditTrail audit, Outbox outbox, Clock clock) {
        this.scope = scope;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DuplicateSuspect> open(String communityCode) {
        scope.managedCommunity(communityCode, false);
        return DuplicateSuspect.list("communityId = ?1 and status = ?2", Sort.by("raisedAt"), communityCode,
                DuplicateSuspect.Status.OPEN);
    }

    public DuplicateSuspect dismiss(String communityCode, UUID suspectId) {
        DuplicateSuspect suspect = openSuspect(communityCode, suspectId);
        decide(suspect, DuplicateSuspect.Status.DISMISSED);
        return suspect;
    }

    /** The newer registration is merged into the older record: it stays, marked MERGED, and other services drop it. */
    public DuplicateSuspect merge(String communityCode, UUID suspectId) {
        DuplicateSuspect suspect = openSuspect(communityCode, suspectId);
        Resident duplicate = Resident.findById(suspect.residentId);
        Resident kept = Resident.findById(suspect.otherId);
        if (!duplicate.active() || kept.status == ResidentStatus.MERGED) {
            throw new ConflictProblem("Only an active record can be merged, and only into a record that was not merged itself");
        }
        DuplicateSuspect.<DuplicateSuspect>list("status = ?1 and id <> ?2 and (residentId = ?3 or otherId = ?3)",
                DuplicateSuspect.Status.OPEN, suspect.id, duplicate.id).forEach(other -> decide(other, DuplicateSuspect.Status.DISMISSED));
        org.linli.resident.domain.HeadAssignment.endRolesOf(duplicate.id, OffsetDateTime.now(clock));
        duplicate.status = ResidentStatus.MERGED;
        duplicate.mergedInto = suspect.otherId;
        duplicate.movedOutOn = OffsetDateTime.now(clock).toLocalDate();
        decide(suspect, DuplicateSuspect.Status.MERGED);
        audit.record("MERGE", communityCode, "resident", duplicate.id);
        outbox.publish(ResidentEvents.movedOut(duplicate));
        return suspect;
    }

    private DuplicateSuspect openSuspect(String communityCode, UUID suspectId) {
        scope.managedCommunity(communityCode, false);
        return DuplicateSuspect.<DuplicateSuspect>findByIdOptional(suspectId)
                .filter(s -> s.communityId.equals(communityCode) && s.status == DuplicateSuspect.Status.OPEN)
                .orElseThrow(() -> new NotFoundProblem("No open duplicate suspicion " + suspectId));
    }

    private void decide(DuplicateSuspect suspect, DuplicateSuspect.Status status) {
        suspect.status = status;
        suspect.decidedBy = scope.actor();
        suspect.decidedAt = OffsetDateTime.now(clock);
    }
}
