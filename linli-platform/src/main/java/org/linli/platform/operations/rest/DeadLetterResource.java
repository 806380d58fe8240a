package org.linli.platform.operations.rest;

import java.util.List;
import java.util.Optional;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.operations.DeadLetters;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

/** Every service's dead-letter topic, for an operator: list, read one, replay (as it was or fixed) or discard, audited. */
@Path("/admin/dead-letters")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    public record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    /** {@code value}: the record's body as the operator fixed it (a CloudEvent); absent, it is replayed as it was. */
    public record Replay(@NotBlank @Size(max = 500) String reason, @Size(max = 1_000_000) String value) {
    }

    private final DeadLetters deadLetters;
    private final Caller caller;

    DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The records this service's consumers could not handle, newest first: where each came from, why, its event type and id (not its body); decided ones only with all=true")
    public List<DeadLetters.DeadLetter> list(@QueryParam("max") @DefaultValue("100") @Min(1) @Max(1000) int max,
            @QueryParam("all") @DefaultValue("false") boolean all) {
        return deadLetters.list(max, all);
    }

    @GET
    @Path("/{partition}/{offset}")
    @Operation(summary = "One dead letter with its body")
    public DeadLetters.DeadLetter get(@PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset) {
        return deadLetters.get(partition, offset);
    }

    @POST
    @Path("/{partition}/{offset}/replay")
    @Operation(summary = "Send it back to its original topic, as it was or with a fixed body; the consumer's inbox lets it act once; 409 if decided already")
    public DeadLetters.DeadLetter replay(@PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset,
            @NotNull @Valid Replay replay) {
        return deadLetters.replay(partition, offset, Optional.ofNullable(replay.value()).filter(v -> !v.isBlank()),
                caller.subject(), replay.reason().strip());
    }

    @POST
    @Path("/{partition}/{offset}/discard")
    @Operation(summary = "Give it up (it leaves the list; who and why are kept); 409 if decided already")
    public Response discard(@PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset,
            @NotNull @Valid Decision decision) {
        deadLetters.discard(partition, offset, caller.subject(), decision.reason().strip());
        return Response.noContent().build();
    }
}
