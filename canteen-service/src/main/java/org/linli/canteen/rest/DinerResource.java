package org.linli.canteen.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.canteen.domain.Price;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.service.Canteens;
import org.linli.canteen.service.Diners;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/diners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diners", description = "Elders aged 60+ as the canteen knows them (from resident events)")
public class DinerResource {

    private final Diners diners;
    private final Canteens canteens;

    DinerResource(Diners diners, Canteens canteens) {
        this.diners = diners;
        this.canteens = canteens;
    }

    public record DinerView(UUID residentId, String communityId, String ageBand, boolean housebound, boolean lowIncome,
            List<String> dietaryNeeds, UUID buildingId, UUID unitId, DinerStatus status, boolean mayHaveDelivery) {
        static DinerView of(Diner d) {
            return new DinerView(d.residentId, d.communityId, d.ageBand, d.housebound, d.lowIncome, d.dietaryCodes(),
                    d.buildingId, d.unitId, d.status, d.mayHaveDelivery());
        }
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The canteen's diners", description = "delivery=true: only housebound diners.")
    public List<DinerView> list(@PathParam("communityId") String communityId, @QueryParam("status") DinerStatus status,
            @QueryParam("delivery") Boolean delivery, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return diners.list(communityId, status, delivery, page, size).stream().map(DinerView::of).toList();
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "An elder as the canteen knows them (from resident events)")
    public DinerView get(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return DinerView.of(diners.visible(communityId, residentId));
    }

    @POST
    @Path("/{residentId}/pause")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Pause a diner's enrolment", description = "A paused diner cannot order; standing orders skip them.")
    public DinerView pause(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return DinerView.of(diners.pause(communityId, residentId));
    }

    @POST
    @Path("/{residentId}/resume")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Enrol a diner again after a pause")
    public DinerView resume(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return DinerView.of(diners.resume(communityId, residentId));
    }

    @GET
    @Path("/{residentId}/price")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "What a meal costs this diner now, with the breakdown in fen")
    public Price price(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @QueryParam("service") @DefaultValue("DINE_IN") ServiceMode service) {
        Diner diner = diners.visible(communityId, residentId);
        return canteens.of(communityId).priceFor(diner, service);
    }
}
