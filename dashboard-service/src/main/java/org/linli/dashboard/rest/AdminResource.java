package org.linli.dashboard.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.dashboard.service.HeldEvents;
import org.linli.dashboard.service.Rebuild;
import org.linli.platform.security.Roles;

@Path("/admin")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
public class AdminResource {

    private final Rebuild rebuild;
    private final HeldEvents held;

    AdminResource(Rebuild rebuild, HeldEvents held) {
        this.rebuild = rebuild;
        this.held = held;
    }

    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay every topic from the beginning into a fresh schema and swap it in (202; 409 if running)")
    public Response startRebuild() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the current or last rebuild stands")
    public Rebuild.Status rebuildStatus() {
        return rebuild.status();
    }

    @GET
    @Path("/held-events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events of a newer version than this release reads, kept aside (type, where, when; no payload)")
    public List<HeldEvents.Held> heldEvents() {
        return held.list();
    }
}
