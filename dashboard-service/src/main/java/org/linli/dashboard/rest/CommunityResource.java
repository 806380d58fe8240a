package org.linli.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.dashboard.service.DashboardScope;
import org.linli.dashboard.service.Figures;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/figures")
@Tag(name = "Community")
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER })
public class CommunityResource {

    private final DashboardScope scope;
    private final Figures figures;

    CommunityResource(DashboardScope scope, Figures figures) {
        this.scope = scope;
        this.figures = figures;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One community: totals, by service type, team, sponsor and age band, trends, care now and "
            + "the quiet elders per grid",
            description = "`quietDays` (default 3): an elder aged 60+ who lives alone or is housebound, with no delivery "
                    + "and no confirmed visit for that many days, counts as quiet. Ids and counts only.")
    public Figures.CommunityOverview overview(@PathParam("communityId") String communityId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("quietDays") String quietDays) {
        return figures.community(scope.community(communityId),
                figures.period(QueryParameters.date("from", from), QueryParameters.date("to", to)),
                QueryParameters.integer("quietDays", quietDays, 1, 90));
    }
}
