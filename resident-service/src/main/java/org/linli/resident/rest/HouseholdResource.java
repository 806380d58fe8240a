package org.linli.resident.rest;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.Household;
import org.linli.resident.service.Households;
import org.linli.resident.service.ResidentRegistry;

@Path("/communities/{communityId}/households")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Households")
public class HouseholdResource {

    private final Households households;
    private final ResidentRegistry registry;
    private final Clock clock;

    HouseholdResource(Households households, ResidentRegistry registry, Clock clock) {
        this.households = households;
        this.registry = registry;
        this.clock = clock;
    }

    public record NewHousehold(@NotNull UUID unitId, @NotBlank @Size(max = 20) String doorNumber) {
    }

    public record HouseholdView(UUID id, String communityId, UUID gridId, UUID buildingId, UUID unitId, String doorNumber,
            List<ResidentView> members) {
    }

    @POST
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    @Operation(summary = "Add a household (a door of a unit)")
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid NewHousehold request) {
        Household household = households.create(communityId, request.unitId(), request.doorNumber());
        return Response.created(URI.create("/communities/" + communityId + "/households/" + household.id))
                .entity(view(household, List.of())).build();
    }

    @GET
    @Path("/{householdId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A household and who lives there (phone and ID masked)")
    public HouseholdView get(@PathParam("communityId") String communityId, @PathParam("householdId") UUID householdId) {
        Household household = households.visible(communityId, householdId);
        LocalDate today = LocalDate.now(clock);
        return view(household, households.members(household).stream()
                .map(r -> ResidentView.of(r, today, registry.masked(r), false)).toList());
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The households of a unit, by door number")
    public List<HouseholdView> inUnit(@PathParam("communityId") String communityId, @QueryParam("unitId") @NotNull UUID unitId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return households.inUnit(communityId, unitId, page, size).stream().map(h -> view(h, null)).toList();
    }

    private static HouseholdView view(Household h, List<ResidentView> members) {
        return new HouseholdView(h.id, h.communityId, h.gridId, h.buildingId, h.unitId, h.doorNumber, members);
    }
}
