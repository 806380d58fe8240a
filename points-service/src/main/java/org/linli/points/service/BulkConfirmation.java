package org.linli.points.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.linli.platform.problem.ConflictException;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.ServiceLog;
import org.linli.points.domain.ServiceStatus;

/**
 * Confirms many services, each in its own transaction, so one that cannot be confirmed (rejected meanwhile,
 * the caller's own, out of scope) does not hold back the others; says per service what happened.
 */
@ApplicationScoped
public class BulkConfirmation {

    private final ServiceLogs services;

    BulkConfirmation(ServiceLogs services) {
        this.services = services;
    }

    public record Outcome(UUID serviceId, int status, ServiceStatus serviceStatus, Integer pointsAwarded, String detail) {
    }

    public List<Outcome> confirm(String communityId, List<UUID> serviceIds) {
        List<Outcome> outcomes = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(serviceIds)) {
            outcomes.add(confirmOne(communityId, id));
        }
        return outcomes;
    }

    private Outcome confirmOne(String communityId, UUID id) {
        try {
            ServiceLog service = services.confirm(communityId, id);
            return new Outcome(id, 200, service.status, service.pointsAwarded, null);
        } catch (NotFoundProblem e) {
            return new Outcome(id, 404, null, null, e.getMessage());
        } catch (ForbiddenProblem e) {
            return new Outcome(id, 403, null, null, e.getMessage());
        } catch (ConflictException e) {
            return new Outcome(id, 409, null, null, e.getMessage());
        } catch (WebApplicationException e) {
            return new Outcome(id, e.getResponse().getStatus(), null, null, e.getMessage());
        } catch (RuntimeException e) { // a lost race, the database restarting: this one failed, the others go on
            String reference = UUID.randomUUID().toString();
            io.quarkus.logging.Log.errorf(e, "Bulk confirmation of service %s failed (reference %s)", id, reference);
            return new Outcome(id, 500, null, null, "Not confirmed; try again (reference " + reference + ")");
        }
    }
}
