package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.resident.domain.Household;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.OrgUnitKind;
import org.linli.resident.domain.Resident;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Households (户): a door in a unit, and the residents who live there. */
@ApplicationScoped
@Transactional
public class Households {

    private final ResidentScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    Households(ResidentScope scope, AuditTrail audit, Clock clock) {
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public Household create(String communityCode, UUID unitId, String doorNumber) {
        scope.managedCommunity(communityCode, false);
        OrgUnit unit = OrgUnit.<OrgUnit>findByIdOptional(unitId)
                .filter(u -> u.kind == OrgUnitKind.UNIT && communityCode.equals(u.communityCode))
                .orElseThrow(() -> new NotFoundProblem("No unit " + unitId + " in community " + communityCode));
        if (Household.count("unitId = ?1 and doorNumber = ?2", unitId, doorNumber) > 0) {
            throw new ConflictProblem("Door " + doorNumber + " of this unit is already a household");
        }
        OrgUnit building = OrgUnit.findById(unit.parentId);
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.communityId = communityCode;
        household.unitId = unit.id;
        household.buildingId = building.id;
        household.gridId = building.parentId;
        household.doorNumber = doorNumber.strip();
        household.createdAt = OffsetDateTime.now(clock);
        household.persist();
        audit.record("CREATE", communityCode, "household", household.id);
        return household;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Household visible(String communityCode, UUID householdId) {
        scope.readableCommunity(communityCode);
        return Household.<Household>findByIdOptional(householdId)
                .filter(h -> h.communityId.equals(communityCode))
                .filter(h -> scope.gridRestriction().map(grids -> grids.contains(h.gridId)).orElse(true))
                .orElseThrow(() -> ResidentScope.notFound("household " + householdId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Resident> members(Household household) {
        return Resident.list("householdId = ?1 and status = 'ACTIVE'", Sort.by("relationshipToHead").and("birthDate"),
                household.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Household> inUnit(String communityCode, UUID unitId, int page, int size) {
        scope.readableCommunity(communityCode);
        StringBuilder where = new StringBuilder("communityId = :community and unitId = :unit");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("community", communityCode, "unit", unitId));
        if (!scope.restrictToGrids(where, params)) {
            return List.of();
        }
        return Household.<Household>find(where.toString(), Sort.by("doorNumber"), params).page(Page.of(page, size)).list();
    }
}
