package org.linli.canteen.rest;

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
import org.linli.canteen.domain.AccountEntry;
import org.linli.canteen.domain.EntryKind;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MealAccount;
import org.linli.canteen.service.PrepaidAccounts;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/diners/{residentId}/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Meal accounts", description = "Prepaid meal accounts in integer fen; the balance never goes below zero")
public class MealAccountResource {

    private final PrepaidAccounts accounts;

    MealAccountResource(PrepaidAccounts accounts) {
        this.accounts = accounts;
    }

    public record TopUp(@NotNull @Min(1) @Max(1_000_000) Long amountFen) {
    }

    public record EntryView(long id, EntryKind kind, long amountFen, long balanceAfterFen, UUID orderId,
            OffsetDateTime recordedAt) {
        static EntryView of(AccountEntry e) {
            return new EntryView(e.id, e.kind, e.amountFen, e.balanceAfterFen, e.orderId, e.recordedAt);
        }
    }

    public record Statement(UUID dinerId, long balanceFen, List<EntryView> entries) {
    }

    @POST
    @Path("/top-ups")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Top up a diner's meal account (money taken at the counter)")
    public Response topUp(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid TopUp request) {
        return Response.status(201).entity(EntryView.of(accounts.topUp(communityId, residentId, request.amountFen())))
                .build();
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "Balance and statement", description = "Entries oldest first, each with the running balance. "
            + "The elder reads their own; a family member with a MEALS link their parent's.")
    public Statement statement(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        MealAccount account = accounts.account(communityId, residentId);
        return new Statement(residentId, account == null ? 0 : account.balanceFen,
                accounts.statement(communityId, residentId, page, size).stream().map(EntryView::of).toList());
    }
}
