package org.linli.dashboard.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.dashboard.service.Communities;
import org.linli.dashboard.service.DashboardScope;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

@Path("/scope")
@Tag(name = "Scope")
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER })
public class ScopeResource {

    /** What the caller may open: a district (officers) or their own community (workers). */
    public record Scope(String districtId, List<Communities.Community> communities) {
    }

    private final DashboardScope scope;
    private final Caller caller;

    ScopeResource(DashboardScope scope, Caller caller) {
        this.scope = scope;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the page opens for the caller: their district's communities, or their own community")
    public Scope scope() {
        String district = caller.is(Roles.DISTRICT_OFFICER) ? caller.district().orElse(null) : null;
        return new Scope(district, scope.visible());
    }
}
