package org.linli.resident.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.rest.CareAlertResource.AlertView;
import org.linli.resident.service.CareAlerts;

/** One resident's care alerts: what their family member (and the staff who look after them) see. */
@Path("/communities/{communityId}/residents/{residentId}/care-alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Care alerts")
public class ResidentCareAlertResource {

    private final CareAlerts alerts;

    ResidentCareAlertResource(CareAlerts alerts) {
        this.alerts = alerts;
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.FAMILY })
    @Operation(summary = "One resident's care alerts and their household's alarms, newest first",
            description = "Open ones only by default. A family member (role family) sees those of a parent they hold a "
                    + "CARE_ALERTS link for; 404 for anyone else.")
    public List<AlertView> ofResident(@PathParam("communityId") String communityId,
            @PathParam("residentId") UUID residentId, @QueryParam("open") @DefaultValue("true") boolean openOnly,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return alerts.ofResident(communityId, residentId, openOnly, size).stream().map(a -> AlertView.of(a, null)).toList();
    }
}
