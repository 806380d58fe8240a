package org.linli.canteen.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.domain.DelivererKind;
import org.linli.canteen.service.Deliveries;
import org.linli.canteen.service.Kitchen;
import org.linli.canteen.service.ProductionList;
import org.linli.canteen.service.StandingOrders;
import org.linli.platform.security.Roles;

/** A canteen's day: materialising standing orders, the kitchen's production list, the delivery runs. */
@Path("/communities/{communityId}/days/{date}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "The canteen's day")
public class DayResource {

    private final StandingOrders standingOrders;
    private final Kitchen kitchen;
    private final Deliveries deliveries;

    DayResource(StandingOrders standingOrders, Kitchen kitchen, Deliveries deliveries) {
        this.standingOrders = standingOrders;
        this.kitchen = kitchen;
        this.deliveries = deliveries;
    }

    public record Deliverer(@NotNull DelivererKind kind, @NotBlank @Size(max = 100) String id) {
    }

    public record NewRun(@NotNull @Valid Deliverer deliverer, @Size(max = 100) List<@NotNull UUID> buildingIds) {
    }

    @POST
    @Path("/materialise")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Place the day's lunches from the standing orders", description = "Idempotent: a standing order "
            + "yields at most one order per day. A job does the same at each canteen's cut-off.")
    public StandingOrders.Materialised materialise(@PathParam("communityId") String communityId,
            @PathParam("date") LocalDate date) {
        return standingOrders.materialise(communityId, date);
    }

    @GET
    @Path("/production-list")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The kitchen's production list", description = "Portions per meal and dish, dine-in and "
            + "delivery, per dietary variant.")
    public ProductionList productionList(@PathParam("communityId") String communityId, @PathParam("date") LocalDate date) {
        return kitchen.productionList(communityId, date);
    }

    @POST
    @Path("/delivery-runs")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Plan a delivery run", description = "The day's delivery orders on no run yet (in buildingIds, when"
            + " given), door to door by building and unit, for canteen staff or a volunteer (id = their resident id). "
            + "Publishes delivery-run.planned.v1 (ids only), from which resident-service shows the deliverer the doors.")
    public Response plan(@PathParam("communityId") String communityId, @PathParam("date") LocalDate date,
            @NotNull @Valid NewRun request) {
        Deliverer deliverer = request.deliverer();
        if (deliverer.kind() == DelivererKind.VOLUNTEER && !isUuid(deliverer.id())) {
            throw new BadRequestException("deliverer.id: a volunteer is named by their resident id (a UUID)");
        }
        Deliveries.RunWithStops run = deliveries.plan(communityId, date, deliverer.kind(), deliverer.id(),
                request.buildingIds());
        return Response.status(201).entity(DeliveryRunResource.RunView.of(run, true)).build();
    }

    @GET
    @Path("/delivery-runs")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.VOLUNTEER })
    @Operation(summary = "The day's delivery runs", description = "A volunteer sees only their own.")
    public List<DeliveryRunResource.RunSummary> runs(@PathParam("communityId") String communityId,
            @PathParam("date") LocalDate date) {
        return deliveries.runs(communityId, date).stream().map(DeliveryRunResource.RunSummary::of).toList();
    }

    private static boolean isUuid(String id) {
        try {
            UUID.fromString(id);
            return id.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
