package org.linli.points.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.points.members.Member;

@Path("/communities/{communityId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final Caller caller;

    MemberResource(Caller caller) {
        this.caller = caller;
    }

    public record MemberView(UUID residentId, String communityId, boolean aged60Plus, boolean housebound,
            boolean livesAlone, boolean movedOut) {
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A resident as the moral bank knows them (from resident events)")
    public MemberView get(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return Member.<Member>findByIdOptional(residentId)
                .filter(m -> m.communityId.equals(communityId) && caller.mayRead(m.communityId, null))
                .map(m -> new MemberView(m.residentId, m.communityId, m.aged60Plus, m.housebound, m.livesAlone, m.movedOut))
                .orElseThrow(() -> new NotFoundProblem("No member " + residentId + " in your scope"));
    }
}
