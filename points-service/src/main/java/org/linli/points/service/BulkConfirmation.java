package org.linli.points.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.platform.problem.Problem;
import org.linli.platform.problem.Problems;
import org.linli.points.domain.ServiceLog;
import org.linli.points.domain.ServiceStatus;

/**
 * Confirms many services, each in its own transaction, so one that cannot be confirmed (rejected meanwhile,
 * the caller's own, out of scope) does not hold back the others; says per service what happened — for a failure
 * the very status and detail the single confirmation would have answered ({@link Problems#of}).
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
        } catch (RuntimeException e) { // a refusal, a lost race, the database restarting: this one failed, the others go on
            Problem problem = Problems.of(e, null);
            return new Outcome(id, problem.status(), null, null, problem.detail());
        }
    }
}
