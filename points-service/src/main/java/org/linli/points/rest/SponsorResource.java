package org.linli.points.rest;

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
import org.linli.platform.security.Roles;
import org.linli.points.domain.Reward;
import org.linli.points.service.Redemptions;
import org.linli.points.service.Rewards;

/** What a partner bank sees: the rewards it sponsors, in every community, and their redemptions to fulfil. */
@Path("/sponsored-rewards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners")
public class SponsorResource {

    private final Rewards rewards;
    private final Redemptions redemptions;

    SponsorResource(Rewards rewards, Redemptions redemptions) {
        this.rewards = rewards;
        this.redemptions = redemptions;
    }

    @GET
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "The rewards the calling partner sponsors (token subject = partner id)")
    public List<RewardResource.RewardView> sponsored() {
        return rewards.sponsored().stream().map(RewardResource.RewardView::of).toList();
    }

    @GET
    @Path("/{rewardId}/redemptions")
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "Redemptions of a sponsored reward, to fulfil at the counter")
    public List<RewardResource.RedemptionView> redemptions(@PathParam("rewardId") UUID rewardId) {
        Reward reward = rewards.sponsored(rewardId);
        return redemptions.ofSponsoredReward(reward).stream().map(RewardResource.RedemptionView::of).toList();
    }
}
