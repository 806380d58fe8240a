package org.linli.resident.rest;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.Resident;
import org.linli.resident.service.ResidentRegistry;

@Path("/communities/{communityId}/residents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Residents")
@SecurityRequirement(name = "SecurityScheme")
public class ResidentResource {

    static final String COMMUNITY_ID = "[a-z0-9][a-z0-9-]{0,63}";

    private final ResidentRegistry registry;
    private final Caller caller;
    private final Clock clock;

    ResidentResource(ResidentRegistry registry, Caller caller, Clock clock) {
        this.registry = registry;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Register a resident of the community",
            description = "Publishes resident.registered.v1. Only staff of this community may register.")
    public Response register(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @NotNull @Valid NewResident request) {
        if (!caller.worksIn(communityId)) {
            throw new NotFoundProblem("No community " + communityId + " in your scope");
        }
        Resident resident = registry.register(communityId, request.toRegistration());
        return Response.created(URI.create("/communities/" + communityId + "/residents/" + resident.id))
                .entity(ResidentView.of(resident, LocalDate.now(clock))).build();
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.RESIDENT })
    @Operation(summary = "One resident's record", description = "404 when the resident is outside the caller's scope.")
    public ResidentView get(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId) {
        return registry.find(residentId)
                .filter(r -> r.communityId.equals(communityId))
                .filter(this::visibleToCaller)
                .map(r -> ResidentView.of(r, LocalDate.now(clock)))
                .orElseThrow(() -> new NotFoundProblem("No resident " + residentId + " in your scope"));
    }

    private boolean visibleToCaller(Resident resident) {
        if (caller.is(Roles.RESIDENT) && resident.id.toString().equals(caller.subject())) {
            return true;
        }
        boolean staff = caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD) || caller.is(Roles.DISTRICT_OFFICER);
        return staff && caller.mayRead(resident.communityId, null);
    }
}
