package org.linli.canteen.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MealOrder;
import org.linli.canteen.domain.OrderStatus;
import org.linli.canteen.domain.Payment;
import org.linli.canteen.domain.Price;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.service.Orders;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders", description = "Meal orders before the daily cut-off; one lunch per diner per day")
public class OrderResource {

    private final Orders orders;

    OrderResource(Orders orders) {
        this.orders = orders;
    }

    public record NewOrder(@NotNull UUID dinerId, @NotNull LocalDate date, Meal meal, @NotNull ServiceMode service,
            Payment payment) {
    }

    /**
     * @param placedFor the diner a family member placed it for (placedBy is the member); null otherwise
     * @param cancelledFor the diner a family member cancelled it for (cancelledBy is the member); null otherwise
     */
    public record OrderView(UUID id, UUID dinerId, LocalDate date, Meal meal, ServiceMode service, OrderStatus status,
            Payment payment, UUID standingOrderId, List<String> dietaryNeeds, Price price, String placedBy,
            UUID placedFor, OffsetDateTime placedAt, String cancelledBy, UUID cancelledFor, OffsetDateTime closedAt) {
        static OrderView of(MealOrder o) {
            return new OrderView(o.id, o.dinerId, o.mealDate, o.meal, o.service, o.status, o.payment, o.standingOrderId,
                    o.dietaryCodes(), o.price(), o.placedBy, o.placedFor, o.placedAt, o.cancelledBy, o.cancelledFor,
                    o.closedAt);
        }
    }

    @POST
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Order a meal", description = "Before the day's cut-off (community time); lunch unless meal is "
            + "DINNER; delivery only for housebound diners. payment ACCOUNT (default) charges the elder's part to the "
            + "prepaid account (409 if it does not cover it), CASH is paid at the counter or the door. An elder (token "
            + "subject = their resident id) orders for themself only; a family member (role family) for a parent they "
            + "hold a MEALS link for, recorded as placedBy the member and placedFor the parent (404 for anyone else). "
            + "409 for a second lunch that day. Publishes meal.ordered.v1.")
    public Response place(@PathParam("communityId") String communityId, @NotNull @Valid NewOrder request) {
        MealOrder order = orders.place(communityId, new Orders.NewOrder(request.dinerId(), request.date(),
                request.meal() == null ? Meal.LUNCH : request.meal(), request.service(),
                request.payment() == null ? Payment.ACCOUNT : request.payment()));
        return Response.created(URI.create("/communities/" + communityId + "/orders/" + order.id))
                .entity(OrderView.of(order)).build();
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Orders of a day or of a diner", description = "An elder lists their own (dinerId = their id); "
            + "a family member their linked parent's.")
    public List<OrderView> list(@PathParam("communityId") String communityId, @QueryParam("date") LocalDate date,
            @QueryParam("dinerId") UUID dinerId, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return orders.list(communityId, date, dinerId, page, size).stream().map(OrderView::of).toList();
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY,
            Roles.GATEWAY })
    public OrderView get(@PathParam("communityId") String communityId, @PathParam("orderId") UUID orderId) {
        return OrderView.of(orders.visible(communityId, orderId));
    }

    @POST
    @Path("/{orderId}/cancel")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Cancel before the cut-off", description = "Refunds what the account paid; 409 after the cut-off. "
            + "A family member cancelling for a parent is recorded as cancelledBy the member, cancelledFor the parent. "
            + "Publishes meal.cancelled.v1.")
    public OrderView cancel(@PathParam("communityId") String communityId, @PathParam("orderId") UUID orderId) {
        return OrderView.of(orders.cancel(communityId, orderId));
    }

    @POST
    @Path("/{orderId}/serve")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.GATEWAY })
    @Operation(summary = "Check a dine-in meal off at the counter", description = "Publishes meal.served.v1 with the "
            + "price breakdown; checking off again changes nothing. partner-gateway passes on a canteen operator's "
            + "report of served lunches.")
    public OrderView serve(@PathParam("communityId") String communityId, @PathParam("orderId") UUID orderId) {
        return OrderView.of(orders.serve(communityId, orderId));
    }
}
