package org.linli.resident.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.privacy.PiiRekeying;

/** Rotating the personal-data key, for an operator: which keys seal how many values, and re-sealing with the current one. */
@Path("/admin/pii")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class PiiKeyResource {

    /** @param limit values to re-seal in this call (default 10,000); call again until remaining is 0 */
    public record Reseal(@NotBlank @Size(max = 500) String reason, @Min(1) @Max(1_000_000) Integer limit) {
    }

    private final PiiRekeying rekeying;
    private final Caller caller;

    PiiKeyResource(PiiRekeying rekeying, Caller caller) {
        this.rekeying = rekeying;
        this.caller = caller;
    }

    @GET
    @Path("/keys")
    @Operation(summary = "How many values each personal-data key seals, by column", description = "notCurrent: values "
            + "sealed with a key other than linli.pii.encryption-key-id; 0 before an old key may be removed.")
    public PiiRekeying.Keys keys() {
        return rekeying.keys();
    }

    @POST
    @Path("/re-encrypt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-seal values under older keys with the current key, while the service runs", description =
            "At most limit values, 500 rows per transaction; counts only (resealed, remaining, unreadable: sealed with a "
                    + "key no longer configured). Audited as an operator action with the reason.")
    public PiiRekeying.Run reencrypt(@NotNull @Valid Reseal request) {
        return rekeying.reseal(request.limit() == null ? 10_000 : request.limit(), 500, caller.subject(),
                request.reason().strip());
    }
}
