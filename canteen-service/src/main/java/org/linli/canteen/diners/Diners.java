package org.linli.canteen.diners;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.canteens.CanteenScope;
import org.linli.platform.problem.ConflictException;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.panache.common.Sort;

/** The canteen's diners: enrolled from resident events, paused and resumed by a worker. */
@ApplicationScoped
@Transactional
public class Diners {

    private final CanteenScope scope;
    private final Clock clock;

    Diners(CanteenScope scope, Clock clock) {
        this.scope = scope;
        this.clock = clock;
    }

    /** A diner of this community the caller may see (staff, district officer, or the elder themself). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Diner visible(String communityId, UUID dinerId) {
        Diner diner = Diner.findById(dinerId);
        if (diner == null || !diner.communityId.equals(communityId)
                || !(scope.actsFor(communityId, dinerId)
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
            throw new ConflictException("Diner " + dinerId + " has moved out");
        }
        diner.status = to;
        diner.updatedAt = OffsetDateTime.now(clock);
        return diner;
    }
}
