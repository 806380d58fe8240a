package org.linli.points.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.points.domain.Redemption;
import org.linli.points.domain.RedemptionStatus;
import org.linli.points.domain.Reward;
import org.linli.points.service.Redemptions;
import org.linli.points.service.Rewards;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rewards", description = "The catalogue of gifts and the redemptions at the exchange counter")
public class RewardResource {

    private final Rewards rewards;
    private final Redemptions redemptions;

    RewardResource(Rewards rewards, Redemptions redemptions) {
        this.rewards = rewards;
        this.redemptions = redemptions;
    }

    public record RewardRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
            @Min(1) @Max(1_000_000) int pointsPrice, @Min(0) @Max(1_000_000) Integer stock,
            @Min(1) @Max(1000) Integer perVolunteerLimit, LocalDate activeFrom, LocalDate activeUntil,
            @Size(max = 100) String sponsorId) {
        Rewards.RewardTerms terms() {
            return new Rewards.RewardTerms(name, description, pointsPrice, perVolunteerLimit, activeFrom, activeUntil, sponsorId);
        }
    }

    public record StockChange(@Min(-1_000_000) @Max(1_000_000) int change) {
    }

    public record RedemptionRequest(@NotNull UUID rewardId, UUID volunteerId) {
    }

    public record Cancellation(@Size(max = 500) String reason) {
    }

    public record RewardView(UUID id, String communityId, String name, String description, int pointsPrice, int stock,
            Integer perVolunteerLimit, LocalDate activeFrom, LocalDate activeUntil, String sponsorId) {
        static RewardView of(Reward r) {
            return new RewardView(r.id, r.communityId, r.name, r.description, r.pointsPrice, r.stock, r.perVolunteerLimit,
                    r.activeFrom, r.activeUntil, r.sponsorId);
        }
    }

    public record RedemptionView(UUID id, String communityId, UUID rewardId, UUID volunteerId, int points,
            RedemptionStatus status, OffsetDateTime reservedAt, OffsetDateTime closedAt, String cancelReason, UUID postingId,
            UUID reversalPostingId) {
        static RedemptionView of(Redemption r) {
            return new RedemptionView(r.id, r.communityId, r.rewardId, r.volunteerId, r.points, r.status, r.reservedAt,
                    r.closedAt, r.cancelReason, r.postingId, r.reversalPostingId);
        }
    }

    @POST
    @Path("/rewards")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Add a gift to the catalogue", description = "A partner (bank) may sponsor it (sponsorId).")
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid RewardRequest request) {
        Reward reward = rewards.create(communityId, request.terms(), request.stock() == null ? 0 : request.stock());
        return Response.created(URI.create("/communities/" + communityId + "/rewards/" + reward.id))
                .entity(RewardView.of(reward)).build();
    }

    @GET
    @Path("/rewards")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The catalogue: what is offered today (all=true: every reward, for those who manage it)")
    public List<RewardView> catalogue(@PathParam("communityId") String communityId,
            @QueryParam("all") @DefaultValue("false") boolean all) {
        return rewards.catalogue(communityId, all).stream().map(RewardView::of).toList();
    }

    @GET
    @Path("/rewards/{rewardId}")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public RewardView get(@PathParam("communityId") String communityId, @PathParam("rewardId") UUID rewardId) {
        return RewardView.of(rewards.visible(communityId, rewardId));
    }

    @PUT
    @Path("/rewards/{rewardId}")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Change a reward's terms (not its stock: see /stock)")
    public RewardView update(@PathParam("communityId") String communityId, @PathParam("rewardId") UUID rewardId,
            @NotNull @Valid RewardRequest request) {
        return RewardView.of(rewards.update(communityId, rewardId, request.terms()));
    }

    @POST
    @Path("/rewards/{rewardId}/stock")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Add items (a delivery from the sponsor) or take them out (negative)")
    public RewardView restock(@PathParam("communityId") String communityId, @PathParam("rewardId") UUID rewardId,
            @NotNull @Valid StockChange request) {
        return RewardView.of(rewards.restock(communityId, rewardId, request.change()));
    }

    @POST
    @Path("/redemptions")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Redeem points for a reward: debits the points and takes an item, together", description = """
            A volunteer redeems for themself; a community worker at the counter names the volunteer. 409 when out of
            stock, over the per-volunteer limit, or not enough points; nothing is taken then. Publishes
            points.redeemed.v1.""")
    public Response redeem(@PathParam("communityId") String communityId, @NotNull @Valid RedemptionRequest request) {
        Redemption redemption = redemptions.reserve(communityId, request.rewardId(), request.volunteerId());
        return Response.created(URI.create("/communities/" + communityId + "/redemptions/" + redemption.id))
                .entity(RedemptionView.of(redemption)).build();
    }

    @GET
    @Path("/redemptions")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public List<RedemptionView> redemptions(@PathParam("communityId") String communityId,
            @QueryParam("volunteerId") UUID volunteerId, @QueryParam("status") RedemptionStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return redemptions.list(communityId, volunteerId, status, page, size).stream().map(RedemptionView::of).toList();
    }

    @GET
    @Path("/redemptions/{redemptionId}")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public RedemptionView redemption(@PathParam("communityId") String communityId,
            @PathParam("redemptionId") UUID redemptionId) {
        return RedemptionView.of(redemptions.visible(communityId, redemptionId));
    }

    @POST
    @Path("/redemptions/{redemptionId}/hand-over")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "The item was handed over at the exchange counter", description = "Publishes redemption.handed-over.v1.")
    public RedemptionView handOver(@PathParam("communityId") String communityId,
            @PathParam("redemptionId") UUID redemptionId) {
        return RedemptionView.of(redemptions.handOver(communityId, redemptionId));
    }

    @POST
    @Path("/redemptions/{redemptionId}/cancel")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Cancel a reservation: points and item go back", description = "A reversing posting; publishes points.reversed.v1.")
    public RedemptionView cancel(@PathParam("communityId") String communityId, @PathParam("redemptionId") UUID redemptionId,
            @Valid Cancellation request) {
        return RedemptionView.of(redemptions.cancel(communityId, redemptionId, request == null ? null : request.reason()));
    }
}
