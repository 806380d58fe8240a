package org.linli.canteen.rest;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.diners.Diner;
import org.linli.canteen.diners.DinerStatus;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/diners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diners")
public class DinerResource {

    private final Caller caller;

    DinerResource(Caller caller) {
        this.caller = caller;
    }

    public record DinerView(UUID residentId, String communityId, String ageBand, boolean housebound, boolean lowIncome,
            List<String> dietaryNeeds, DinerStatus status, boolean mayHaveDelivery) {
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "An elder as the canteen knows them (from resident events)")
    public DinerView get(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return Diner.<Diner>findByIdOptional(residentId)
                .filter(d -> d.communityId.equals(communityId) && caller.mayRead(d.communityId, null))
                .map(d -> new DinerView(d.residentId, d.communityId, d.ageBand, d.housebound, d.lowIncome,
                        d.dietaryNeeds.isEmpty() ? List.of() : Arrays.asList(d.dietaryNeeds.split(",")), d.status,
                        d.mayHaveDelivery()))
                .orElseThrow(() -> new NotFoundProblem("No diner " + residentId + " in your scope"));
    }
}
