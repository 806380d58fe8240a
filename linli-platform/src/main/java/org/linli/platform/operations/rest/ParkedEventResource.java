package org.linli.platform.operations.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.operations.ParkedEvents;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/** Every service's parked outbox events, for an operator: list, retry, discard; each decision audited with its reason. */
@Path("/admin/outbox/parked")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class ParkedEventResource {

    public record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    private final ParkedEvents parked;
    private final Caller caller;

    ParkedEventResource(ParkedEvents parked, Caller caller) {
        this.parked = parked;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The events the broker kept refusing, oldest first, with how many of their aggregate's events wait behind each")
    public List<ParkedEvents.Parked> list() {
        return parked.list();
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a parked event again (once its cause is cured); 409 if it is not parked")
    public Response retry(@PathParam("id") UUID id, @NotNull @Valid Decision decision) {
        parked.retry(id, caller.subject(), decision.reason().strip());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/discard")
    @Operation(summary = "Give a parked event up: never sent; its aggregate's later events go on; 409 if it is not parked")
    public Response discard(@PathParam("id") UUID id, @NotNull @Valid Decision decision) {
        parked.discard(id, caller.subject(), decision.reason().strip());
        return Response.noContent().build();
    }
}
