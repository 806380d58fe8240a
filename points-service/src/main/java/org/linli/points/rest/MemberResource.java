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
import org.linli.platform.security.Roles;
import org.linli.points.domain.Member;
import org.linli.points.service.Members;

@Path("/communities/{communityId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final Members members;

    MemberResource(Members members) {
        this.members = members;
    }

    public record MemberView(UUID residentId, String communityId, boolean aged60Plus, boolean housebound,
            boolean livesAlone, boolean movedOut) {
        static MemberView of(Member m) {
            return new MemberView(m.residentId, m.communityId, m.aged60Plus, m.housebound, m.livesAlone, m.movedOut);
        }
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A resident as the moral bank knows them (from resident events)")
    public MemberView get(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return MemberView.of(members.visible(communityId, residentId));
    }
}
