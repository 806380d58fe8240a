package org.linli.canteen.rest;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
import org.linli.canteen.domain.StandingOrderChange;
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

    /** One pause, resume or cancellation: the pause it left, who made it and, for a family member, for whom. */
    public record ChangeView(StandingOrderChange.Kind kind, LocalDate pausedFrom, LocalDate pausedUntil, String changedBy,
            UUID changedFor, OffsetDateTime changedAt) {
        static ChangeView of(StandingOrderChange c) {
            return new ChangeView(c.kind, c.pausedFrom, c.pausedUntil, c.changedBy, c.changedFor, c.changedAt);
        }
    }

    /** @param createdFor the diner a family member created it for (createdBy is the member); null otherwise */
    public record StandingOrderView(UUID id, UUID dinerId, ServiceMode service, List<DayOfWeek> weekdays,
            LocalDate startsOn, LocalDate endsOn, LocalDate pausedFrom, LocalDate pausedUntil, StandingOrderStatus status,
            String createdBy, UUID createdFor, List<ChangeView> changes) {
        static StandingOrderView of(StandingOrder s, List<StandingOrderChange> changes) {
            return new StandingOrderView(s.id, s.dinerId, s.service, s.weekdayList(), s.startsOn, s.endsOn, s.pausedFrom,
                    s.pausedUntil, s.status, s.createdBy, s.createdFor,
                    changes == null ? List.of() : changes.stream().map(ChangeView::of).toList());
        }
    }

    @POST
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Standing lunch order", description = "Every day when weekdays is empty; DELIVERY (default) for "
            + "housebound diners. One active standing order per diner. A family member with a MEALS link creates one for "
            + "their parent (createdFor).")
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid NewStandingOrder request) {
        StandingOrder standing = standingOrders.create(communityId, new StandingOrders.NewStandingOrder(request.dinerId(),
                request.service() == null ? ServiceMode.DELIVERY : request.service(), request.weekdays(),
                request.startsOn(), request.endsOn()));
        return Response.created(URI.create("/communities/" + communityId + "/standing-orders/" + standing.id))
                .entity(view(standing)).build();
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "The community's standing orders, or one diner's", description = "Staff and district officers "
            + "list the community's; with dinerId, the elder themself and a family member with a MEALS link list the "
            + "diner's.")
    public List<StandingOrderView> list(@PathParam("communityId") String communityId,
            @QueryParam("active") @DefaultValue("true") boolean active, @QueryParam("dinerId") UUID dinerId) {
        List<StandingOrder> found = standingOrders.list(communityId, active, dinerId);
        Map<UUID, List<StandingOrderChange>> changes = standingOrders.changes(found);
        return found.stream().map(s -> StandingOrderView.of(s, changes.get(s.id))).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    public StandingOrderView get(@PathParam("communityId") String communityId, @PathParam("id") UUID id) {
        return view(standingOrders.visible(communityId, id));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Pause (a hospital stay)", description = "No lunch from `from` to `until` inclusive; open-ended "
            + "without `until`. Each change is kept with who made it and, for a family member, for whom.")
    public StandingOrderView pause(@PathParam("communityId") String communityId, @PathParam("id") UUID id,
            @NotNull @Valid Pause request) {
        return view(standingOrders.pause(communityId, id, request.from(), request.until()));
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Lunch again from `on` (tomorrow by default)")
    public StandingOrderView resume(@PathParam("communityId") String communityId, @PathParam("id") UUID id,
            @Valid Resume request) {
        return view(standingOrders.resume(communityId, id, request == null ? null : request.on()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    public StandingOrderView cancel(@PathParam("communityId") String communityId, @PathParam("id") UUID id) {
        return view(standingOrders.cancel(communityId, id));
    }

    private StandingOrderView view(StandingOrder standing) {
        return StandingOrderView.of(standing, standingOrders.changes(List.of(standing)).get(standing.id));
    }
}
