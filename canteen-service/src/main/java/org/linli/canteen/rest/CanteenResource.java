package org.linli.canteen.rest;

import java.time.LocalTime;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.domain.Canteen;
import org.linli.canteen.service.CanteenScope;
import org.linli.canteen.service.Canteens;
import org.linli.canteen.service.Orders;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/canteen")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Canteen", description = "The community's canteen: the daily cut-off and the price rules (integer fen)")
public class CanteenResource {

    private final Canteens canteens;
    private final CanteenScope scope;

    CanteenResource(Canteens canteens, CanteenScope scope) {
        this.canteens = canteens;
        this.scope = scope;
    }

    public record Settings(@NotNull LocalTime cutOff) {
    }

    /** The subsidy bands the price rules know (as resident events carry them). */
    public enum AgeBand {
        AGED_60_74, AGED_75_84, AGED_85_94, AGED_95_PLUS
    }

    public record Sponsor(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String id,
            @NotNull @PositiveOrZero @Max(100_000) Long shareFen) {
    }

    public record PriceRules(@NotNull @PositiveOrZero @Max(100_000) Long mealPriceFen,
            @PositiveOrZero @Max(100_000) Long deliveryFeeFen,
            @Size(max = 4) Map<AgeBand, @NotNull @PositiveOrZero @Max(100_000) Long> ageBandSubsidyFen,
            @PositiveOrZero @Max(100_000) Long lowIncomeSubsidyFen, @Valid Sponsor sponsor) {
        static PriceRules of(Canteen c) {
            return new PriceRules(c.mealPriceFen, c.deliveryFeeFen,
                    Map.of(AgeBand.AGED_60_74, c.subsidyAged60To74Fen, AgeBand.AGED_75_84, c.subsidyAged75To84Fen,
                            AgeBand.AGED_85_94, c.subsidyAged85To94Fen, AgeBand.AGED_95_PLUS, c.subsidyAged95PlusFen),
                    c.lowIncomeSubsidyFen, c.sponsorId == null ? null : new Sponsor(c.sponsorId, c.sponsorShareFen));
        }
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The canteen's settings: the daily order cut-off (community time, default 09:30)")
    public Settings settings(@PathParam("communityId") String communityId) {
        return new Settings(scope.readable(communityId).cutOff);
    }

    @PUT
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Change the daily cut-off", description = "Orders for a day are taken, and may be cancelled, "
            + "until this time of that day.")
    public Settings change(@PathParam("communityId") String communityId, @NotNull @Valid Settings request) {
        scope.managed(communityId);
        return new Settings(canteens.changeCutOff(communityId, request.cutOff()).cutOff);
    }

    @GET
    @Path("/price-rules")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The price rules", description = "A meal costs mealPriceFen (plus deliveryFeeFen when delivered);"
            + " the larger of the age-band and low-income subsidies and then the sponsor's share come off it; the elder "
            + "pays the rest. By default the elder pays 700 fen.")
    public PriceRules priceRules(@PathParam("communityId") String communityId) {
        return PriceRules.of(scope.readable(communityId));
    }

    @PUT
    @Path("/price-rules")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Change the price rules", description = "Applies to orders placed from now on; an order keeps "
            + "the breakdown it was placed with.")
    public PriceRules changePriceRules(@PathParam("communityId") String communityId, @NotNull @Valid PriceRules request) {
        scope.managed(communityId);
        Map<AgeBand, Long> bands = request.ageBandSubsidyFen() == null ? Map.of() : request.ageBandSubsidyFen();
        Canteen canteen = canteens.changePriceRules(communityId, new Canteens.PriceRules(request.mealPriceFen(),
                zero(request.deliveryFeeFen()), zero(bands.get(AgeBand.AGED_60_74)), zero(bands.get(AgeBand.AGED_75_84)),
                zero(bands.get(AgeBand.AGED_85_94)), zero(bands.get(AgeBand.AGED_95_PLUS)),
                zero(request.lowIncomeSubsidyFen()), request.sponsor() == null ? null : request.sponsor().id(),
                request.sponsor() == null ? 0 : request.sponsor().shareFen()));
        return PriceRules.of(canteen);
    }

    private static long zero(Long fen) {
        return fen == null ? 0 : fen;
    }
}
