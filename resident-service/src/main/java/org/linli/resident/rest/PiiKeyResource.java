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
import org.linli.resident.privacy.PiiReindexing;
import org.linli.resident.privacy.PiiRekeying;

/**
 * Rotating the personal-data keys, for an operator: which keys seal how many values, and re-sealing with the current
 * one; which keys computed how many residents' blind indexes, and re-indexing with the current one.
 */
@Path("/admin/pii")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class PiiKeyResource {

    /** @param limit values to re-seal, or residents to re-index, in this call (default 10,000); call again until remaining is 0 */
    public record Rotation(@NotBlank @Size(max = 500) String reason, @Min(1) @Max(1_000_000) Integer limit) {
    }

    private static final int DEFAULT_LIMIT = 10_000;
    private static final int BATCH = 500;

    private final PiiRekeying rekeying;
    private final PiiReindexing reindexing;
    private final Caller caller;

    PiiKeyResource(PiiRekeying rekeying, PiiReindexing reindexing, Caller caller) {
        this.rekeying = rekeying;
        this.reindexing = reindexing;
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
    public PiiRekeying.Run reencrypt(@NotNull @Valid Rotation request) {
        return rekeying.reseal(limit(request), BATCH, caller.subject(), request.reason().strip());
    }

    @GET
    @Path("/index-keys")
    @Operation(summary = "How many residents' national ID blind indexes each index key computed", description =
            "notCurrent: residents indexed with a key other than linli.pii.blind-index-key-id; 0 before an old key may be "
                    + "removed from linli.pii.previous-blind-index-keys.")
    public PiiReindexing.IndexKeys indexKeys() {
        return reindexing.keys();
    }

    @POST
    @Path("/re-index")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute residents' national ID blind indexes with the current index key, while the service runs",
            description = "At most limit residents, 500 rows per transaction, each resident once: run it again until "
                    + "remaining is 0 (a second run over done residents changes nothing). Lookups and duplicate checks "
                    + "match the previous index keys meanwhile. Counts only (reindexed, remaining, unreadable: an ID "
                    + "number sealed with an encryption key no longer configured; conflicting: a number another "
                    + "resident holds under the current key, registered twice during the rollout, opened as a duplicate "
                    + "suspect to merge). Audited as an operator action with the reason.")
    public PiiReindexing.Run reindex(@NotNull @Valid Rotation request) {
        return reindexing.reindex(limit(request), BATCH, caller.subject(), request.reason().strip());
    }

    private static int limit(Rotation request) {
        return request.limit() == null ? DEFAULT_LIMIT : request.limit();
    }
}
