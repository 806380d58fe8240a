package org.linli.canteen.rest;

import java.time.LocalDate;
import java.time.YearMonth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.service.Settlement;
import org.linli.canteen.service.Settlements;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/settlements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Settlement", description = "Meals served and delivered, what elders paid, subsidies and sponsors' shares")
public class SettlementResource {

    private final Settlements settlements;

    SettlementResource(Settlements settlements) {
        this.settlements = settlements;
    }

    @GET
    @Path("/daily/{date}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.PARTNER })
    @Operation(summary = "A day's settlement", description = "A partner (token subject = sponsor id) reads canteens it "
            + "sponsors, with its own share only.")
    public Settlement daily(@PathParam("communityId") String communityId, @PathParam("date") LocalDate date) {
        return settlements.daily(communityId, date);
    }

    @GET
    @Path("/monthly/{month}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.PARTNER })
    @Operation(summary = "A month's settlement (month as 2026-11)")
    public Settlement monthly(@PathParam("communityId") String communityId,
            @PathParam("month") @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month like 2026-11") String month) {
        return settlements.monthly(communityId, YearMonth.parse(month));
    }
}
