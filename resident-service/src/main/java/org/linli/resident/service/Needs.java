package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.resident.domain.Need;
import org.linli.resident.domain.NeedCategory;
import org.linli.resident.domain.NeedStatus;
import org.linli.resident.domain.NeedStep;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.OrgUnitKind;
import org.linli.resident.domain.Resident;
import org.linli.resident.domain.Responsible;
import org.linli.resident.events.NeedEvents;

import io.quarkus.panache.common.Sort;

/** Residents' needs (民情): recorded on a round, routed to who is responsible, followed until the resident is told. */
@ApplicationScoped
@Transactional
public class Needs {

    private final ResidentScope scope;
    private final Outbox outbox;
    private final Clock clock;

    Needs(ResidentScope scope, Outbox outbox, Clock clock) {
        this.scope = scope;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewNeed(UUID gridId, NeedCategory category, String place, UUID raisedBy, String description) {
    }

    public Need record(String communityCode, NewNeed request) {
        OrgUnit community = scope.managedCommunity(communityCode, true);
        UUID grid = request.gridId();
        if (request.raisedBy() != null) {
            Resident resident = scope.visibleResident(communityCode, request.raisedBy());
            grid = grid == null ? resident.gridId : grid;
        }
        if (grid != null) {
            UUID gridId = grid;
            OrgUnit.<OrgUnit>findByIdOptional(gridId)
                    .filter(g -> g.kind == OrgUnitKind.GRID && communityCode.equals(g.communityCode))
                    .orElseThrow(() -> new NotFoundProblem("No grid " + gridId + " in community " + communityCode));
        }
        Optional<List<UUID>> grids = scope.gridRestriction();
        if (grids.isPresent() && (grid == null || !grids.get().contains(grid))) {
            throw new NotFoundProblem("No grid " + grid + " in your scope");
        }
        Need need = new Need();
        need.id = UUID.randomUUID();
        need.communityId = communityCode;
        need.districtId = community.districtCode;
        need.gridId = grid;
        need.category = request.category();
        need.place = request.place().strip();
        need.raisedBy = request.raisedBy();
        need.description = request.description().strip();
        need.status = NeedStatus.OPEN;
        need.recordedBy = scope.actor();
        need.recordedAt = OffsetDateTime.now(clock);
        need.updatedAt = need.recordedAt;
        need.persist();
        step(need, null);
        outbox.publish(NeedEvents.of(NeedEvents.RECORDED, need));
        return need;
    }

    /** Moves a need on: ROUTED (with who is responsible), IN_PROGRESS, DONE, or CLOSED once the resident was told. */
    public Need advance(String communityCode, UUID needId, NeedStatus to, Responsible responsible, String note) {
        scope.managedCommunity(communityCode, true);
        Need need = visible(communityCode, needId);
        if (!to.allowedFrom().contains(need.status)) {
            throw new ConflictProblem("A need that is " + need.status + " cannot become " + to);
        }
        if (to == NeedStatus.ROUTED) {
            if (responsible == null) {
                throw new ConflictProblem("Routing a need names who is responsible");
            }
            need.responsible = responsible;
        }
        need.status = to;
        need.updatedAt = OffsetDateTime.now(clock);
        if (to == NeedStatus.DONE) {
            need.doneAt = need.updatedAt;
        }
        if (to == NeedStatus.CLOSED) {
            need.residentToldAt = need.updatedAt;
            outbox.publish(NeedEvents.of(NeedEvents.CLOSED, need));
        }
        step(need, note);
        return need;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Need visible(String communityCode, UUID needId) {
        scope.readableCommunity(communityCode);
        return Need.<Need>findByIdOptional(needId)
                .filter(n -> n.communityId.equals(communityCode))
                .filter(n -> scope.gridRestriction().map(grids -> grids.contains(n.gridId)).orElse(true))
                .orElseThrow(() -> new NotFoundProblem("No need " + needId + " in your scope"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NeedStep> steps(Need need) {
        return NeedStep.list("needId", Sort.by("id"), need.id);
    }

    /** Needs of the community, oldest first (open ones only unless asked); grid heads see their grids. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Need> list(String communityCode, UUID gridId, boolean openOnly, int page, int size) {
        scope.readableCommunity(communityCode);
        StringBuilder where = new StringBuilder("communityId = :community");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("community", communityCode);
        if (openOnly) {
            where.append(" and status <> 'CLOSED'");
        }
        if (gridId != null) {
            where.append(" and gridId = :grid");
            params.put("grid", gridId);
        }
        if (!scope.restrictToGrids(where, params)) {
            return List.of();
        }
        return Need.<Need>find(where.toString(), Sort.by("recordedAt").and("id"), params).page(page, size).list();
    }

    private void step(Need need, String note) {
        NeedStep step = new NeedStep();
        step.needId = need.id;
        step.at = need.updatedAt;
        step.actor = scope.actor();
        step.status = need.status;
        step.note = note == null ? null : note.strip();
        step.persist();
    }
}
