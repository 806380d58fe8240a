package org.linli.resident.rest;

import java.time.OffsetDateTime;
import java.util.List;

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
import org.linli.resident.domain.AuditEntry;
import org.linli.resident.service.AuditTrail;

@Path("/communities/{communityId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final AuditTrail audit;

    AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    /** @param actedFor whose authority the actor used (a parent, when a family member acted for them), else null */
    public record AuditView(OffsetDateTime at, String actor, String actedFor, String actorRoles, String action,
            String subjectType, String subjectId, String fields, String reason) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.at, e.actor, e.actedFor, e.actorRoles, e.action, e.subjectType, e.subjectId, e.fields,
                    e.reason);
        }
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Who read sensitive fields or changed records, newest first", description = "Names fields, never their values.")
    public List<AuditView> entries(@PathParam("communityId") String communityId, @QueryParam("subjectId") String subjectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return audit.entries(communityId, subjectId, page, size).stream().map(AuditView::of).toList();
    }
}
