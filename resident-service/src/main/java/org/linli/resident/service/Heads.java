package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.resident.domain.HeadAssignment;
import org.linli.resident.domain.HeadKind;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.Resident;

import io.quarkus.panache.common.Sort;

/** The three heads (三长): residents who look after a grid, a building or a unit (stairwell). */
@ApplicationScoped
@Transactional
public class Heads {

    private final ResidentScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    Heads(ResidentScope scope, AuditTrail audit, Clock clock) {
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public HeadAssignment assign(String communityCode, UUID residentId, HeadKind kind, UUID orgUnitId) {
        scope.managedCommunity(communityCode, false);
        Resident resident = scope.manageableResident(communityCode, residentId);
        if (!resident.active()) {
            throw new ConflictProblem("Only a resident who lives in the community can be a head");
        }
        OrgUnit unit = OrgUnit.<OrgUnit>findByIdOptional(orgUnitId)
                .filter(u -> communityCode.equals(u.communityCode))
                .orElseThrow(() -> new NotFoundProblem("No organisation unit " + orgUnitId + " in community " + communityCode));
        if (unit.kind != kind.level()) {
            throw new ConflictProblem("A " + kind + " looks after a " + kind.level() + ", not a " + unit.kind);
        }
        if (HeadAssignment.count("orgUnitId = ?1 and kind = ?2 and endedAt is null", unit.id, kind) > 0) {
            throw new ConflictProblem("This " + unit.kind + " already has a " + kind + "; end that assignment first");
        }
        HeadAssignment assignment = new HeadAssignment();
        assignment.id = UUID.randomUUID();
        assignment.communityId = communityCode;
        assignment.residentId = resident.id;
        assignment.kind = kind;
        assignment.orgUnitId = unit.id;
        assignment.since = OffsetDateTime.now(clock);
        assignment.persist();
        audit.record("ASSIGN_HEAD", communityCode, "resident", resident.id, kind.name());
        return assignment;
    }

    public HeadAssignment end(String communityCode, UUID assignmentId) {
        scope.managedCommunity(communityCode, false);
        HeadAssignment assignment = HeadAssignment.<HeadAssignment>findByIdOptional(assignmentId)
                .filter(a -> a.communityId.equals(communityCode) && a.endedAt == null)
                .orElseThrow(() -> new NotFoundProblem("No current head assignment " + assignmentId));
        assignment.endedAt = OffsetDateTime.now(clock);
        audit.record("END_HEAD", communityCode, "resident", assignment.residentId, assignment.kind.name());
        return assignment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HeadAssignment> current(String communityCode) {
        scope.readableCommunity(communityCode);
        return HeadAssignment.list("communityId = ?1 and endedAt is null", Sort.by("kind").and("since"), communityCode);
    }
}
