package org.linli.canteen.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.panache.common.Sort;

/** The canteen's diners: enrolled from resident events, paused and resumed by a worker. */
@ApplicationScoped
@Transactional
public class Diners {

    private final CanteenScope scope;
    private final Clock clock;
    private final Canteens canteens;
    private final StandingOrders standingOrders;

    Diners(CanteenScope scope, Clock clock, Canteens canteens, StandingOrders standingOrders) {
        this.scope = scope;
        this.clock = clock;
        this.canteens = canteens;
        this.standingOrders = standingOrders;
    }

    /** What the canteen may know of a resident (resident events): ids, the age band and flags, dietary codes. */
    public record ResidentFacts(UUID residentId, String communityId, String districtId, UUID buildingId, UUID unitId,
            String ageBand, boolean aged60Plus, boolean housebound, boolean lowIncome, List<String> dietaryNeeds) {
    }

    /**
     * A resident registered or changed: an elder (60+) becomes or stays a diner with the latest flags; a younger
     * resident is not a diner. Called in the consumer's inbox transaction.
     */
    public void learn(ResidentFacts facts) {
        Diner diner = Diner.findById(facts.residentId());
        if (diner == null) {
            if (!facts.aged60Plus()) {
                return; // the canteen serves elders; a younger resident is not a diner
            }
            diner = new Diner();
            diner.residentId = facts.residentId();
            diner.status = DinerStatus.ACTIVE;
        }
        diner.communityId = facts.communityId();
        diner.districtId = facts.districtId();
        diner.buildingId = facts.buildingId();
        diner.unitId = facts.unitId();
        diner.ageBand = facts.ageBand();
        diner.housebound = facts.housebound();
        diner.lowIncome = facts.lowIncome();
        diner.dietaryNeeds = facts.dietaryNeeds() == null ? "" : String.join(",", facts.dietaryNeeds());
        diner.updatedAt = OffsetDateTime.now(clock);
        diner.persist();
        canteens.knowDistrict(facts.communityId(), facts.districtId());
    }

    /** A resident moved out: they no longer dine, and their standing orders end. */
    public void movedOut(UUID residentId) {
        Diner.<Diner>findByIdOptional(residentId).ifPresent(diner -> {
            diner.status = DinerStatus.MOVED_OUT;
            diner.updatedAt = OffsetDateTime.now(clock);
            standingOrders.movedOut(diner.residentId);
        });
    }

    /** A diner of this community the caller may see (staff, district officer, or the elder themself). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Diner visible(String communityId, UUID dinerId) {
        Diner diner = Diner.findById(dinerId);
        if (diner == null || !diner.communityId.equals(communityId)
                || !(scope.actsFor(communityId, dinerId) || scope.isGateway()
                        || (scope.isDistrictOfficer() && scope.mayRead(communityId, diner.districtId)))) {
            throw new NotFoundProblem("No diner " + dinerId + " in your scope");
        }
        return diner;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Diner> list(String communityId, DinerStatus status, Boolean delivery, int page, int size) {
        scope.readable(communityId);
        StringBuilder where = new StringBuilder("communityId = :community");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("community", communityId);
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (Boolean.TRUE.equals(delivery)) {
            where.append(" and housebound = true");
        }
        return Diner.<Diner>find(where.toString(), Sort.by("residentId"), params).page(page, size).list();
    }

    public Diner pause(String communityId, UUID dinerId) {
        return change(communityId, dinerId, DinerStatus.PAUSED);
    }

    public Diner resume(String communityId, UUID dinerId) {
        return change(communityId, dinerId, DinerStatus.ACTIVE);
    }

    private Diner change(String communityId, UUID dinerId, DinerStatus to) {
        scope.managed(communityId);
        Diner diner = visible(communityId, dinerId);
        if (diner.status == DinerStatus.MOVED_OUT) {
            throw new ConflictProblem("Diner " + dinerId + " has moved out");
        }
        diner.status = to;
        diner.updatedAt = OffsetDateTime.now(clock);
        return diner;
    }
}
