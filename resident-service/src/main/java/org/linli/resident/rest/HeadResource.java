package org.linli.resident.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.HeadAssignment;
import org.linli.resident.domain.HeadKind;
import org.linli.resident.service.Heads;

@Path("/communities/{communityId}/heads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "The three heads", description = "Grid heads, building heads and unit heads (三长)")
public class HeadResource {

    private final Heads heads;

    HeadResource(Heads heads) {
        this.heads = heads;
    }

    public record NewAssignment(@NotNull UUID residentId, @NotNull HeadKind kind, @NotNull UUID orgUnitId) {
    }

    public record AssignmentView(UUID id, UUID residentId, HeadKind kind, UUID orgUnitId, OffsetDateTime since,
            OffsetDateTime endedAt) {
        static AssignmentView of(HeadAssignment a) {
            return new AssignmentView(a.id, a.residentId, a.kind, a.orgUnitId, a.since, a.endedAt);
        }
    }

    @POST
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    @Operation(summary = "Make a resident the head of a grid, building or unit",
            description = "The head's account (token subject = their resident id, role grid-head) then sees and manages their grid only.")
    public Response assign(@PathParam("communityId") String communityId, @NotNull @Valid NewAssignment request) {
        HeadAssignment a = heads.assign(communityId, request.residentId(), request.kind(), request.orgUnitId());
        return Response.created(URI.create("/communities/" + communityId + "/heads/" + a.id)).entity(AssignmentView.of(a)).build();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public List<AssignmentView> current(@PathParam("communityId") String communityId) {
        return heads.current(communityId).stream().map(AssignmentView::of).toList();
    }

    @POST
    @Path("/{assignmentId}/end")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    @Operation(summary = "End an assignment (kept in history)")
    public AssignmentView end(@PathParam("communityId") String communityId, @PathParam("assignmentId") UUID assignmentId) {
        return AssignmentView.of(heads.end(communityId, assignmentId));
    }
}
