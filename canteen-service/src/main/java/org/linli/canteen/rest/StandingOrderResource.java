package org.linli.canteen.rest;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.domain.StandingOrder;
import org.linli.canteen.domain.StandingOrderStatus;
import org.linli.canteen.service.StandingOrders;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/standing-orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standing orders", description = "Lunch every day or on chosen weekdays, paused for hospital stays")
public class StandingOrderResource {

    private final StandingOrders standingOrders;

    StandingOrderResource(StandingOrders standingOrders) {
        this.standingOrders = standingOrders;
    }

    public record NewStandingOrder(@NotNull UUID dinerId, ServiceMode service, Set<@NotNull DayOfWeek> weekdays,
            LocalDate startsOn, LocalDate endsOn) {
    }

    public record Pause(@NotNull LocalDate from, LocalDate until) {
    }

    public record Resume(LocalDate on) {
    }

    public record StandingOrderView(UUID id, UUID dinerId, ServiceMode service, List<DayOfWeek> weekdays,
            LocalDate startsOn, LocalDate endsOn, LocalDate pausedFrom, LocalDate pausedUntil, StandingOrderStatus status) {
        static StandingOrderView of(StandingOrder s) {
            return new StandingOrderView(s.id, s.dinerId, s.service, s.weekdayList(), s.startsOn, s.endsOn, s.pausedFrom,
                    s.pausedUntil, s.status);
        }
    }

    @POST
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    @Operation(summary = "Standing lunch order", description = "Every day when weekdays is empty; DELIVERY (default) for "
            + "housebound diners. One active standing order per diner.")
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid NewStandingOrder request) {
        StandingOrder standing = standingOrders.create(communityId, new StandingOrders.NewStandingOrder(request.dinerId(),
                request.service() == null ? ServiceMode.DELIVERY : request.service(), request.weekdays(),
                request.startsOn(), request.endsOn()));
        return Response.created(URI.create("/communities/" + communityId + "/standing-orders/" + standing.id))
                .entity(StandingOrderView.of(standing)).build();
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public List<StandingOrderView> list(@PathParam("communityId") String communityId,
            @QueryParam("active") @DefaultValue("true") boolean active) {
        return standingOrders.list(communityId, active).stream().map(StandingOrderView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    public StandingOrderView get(@PathParam("communityId") String communityId, @PathParam("id") UUID id) {
        return StandingOrderView.of(standingOrders.visible(communityId, id));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    @Operation(summary = "Pause (a hospital stay)", description = "No lunch from `from` to `until` inclusive; open-ended "
            + "without `until`.")
    public StandingOrderView pause(@PathParam("communityId") String communityId, @PathParam("id") UUID id,
            @NotNull @Valid Pause request) {
        return StandingOrderView.of(standingOrders.pause(communityId, id, request.from(), request.until()));
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    @Operation(summary = "Lunch again from `on` (tomorrow by default)")
    public StandingOrderView resume(@PathParam("communityId") String communityId, @PathParam("id") UUID id,
            @Valid Resume request) {
        return StandingOrderView.of(standingOrders.resume(communityId, id, request == null ? null : request.on()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    public StandingOrderView cancel(@PathParam("communityId") String communityId, @PathParam("id") UUID id) {
        return StandingOrderView.of(standingOrders.cancel(communityId, id));
    }
}
