package org.linli.resident.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.DuplicateSuspect;
import org.linli.resident.service.Duplicates;

@Path("/communities/{communityId}/duplicate-suspects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicate registrations")
@RolesAllowed(Roles.COMMUNITY_WORKER)
public class DuplicateResource {

    private final Duplicates duplicates;

    DuplicateResource(Duplicates duplicates) {
        this.duplicates = duplicates;
    }

    public record SuspectView(UUID id, UUID residentId, UUID otherId, DuplicateSuspect.Status status, OffsetDateTime raisedAt,
            String decidedBy, OffsetDateTime decidedAt) {
        static SuspectView of(DuplicateSuspect s) {
            return new SuspectView(s.id, s.residentId, s.otherId, s.status, s.raisedAt, s.decidedBy, s.decidedAt);
        }
    }

    @GET
    @Operation(summary = "Open suspicions: records with the same name and birth date")
    public List<SuspectView> open(@PathParam("communityId") String communityId) {
        return duplicates.open(communityId).stream().map(SuspectView::of).toList();
    }

    @POST
    @Path("/{suspectId}/merge")
    @Operation(summary = "Merge the newer record into the older one", description = "The newer record stays, marked MERGED; resident.moved-out.v1 tells other services to drop it.")
    public SuspectView merge(@PathParam("communityId") String communityId, @PathParam("suspectId") UUID suspectId) {
        return SuspectView.of(duplicates.merge(communityId, suspectId));
    }

    @POST
    @Path("/{suspectId}/dismiss")
    @Operation(summary = "They are two different people")
    public SuspectView dismiss(@PathParam("communityId") String communityId, @PathParam("suspectId") UUID suspectId) {
        return SuspectView.of(duplicates.dismiss(communityId, suspectId));
    }
}
