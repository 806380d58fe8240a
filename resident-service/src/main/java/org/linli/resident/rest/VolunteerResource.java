package org.linli.resident.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
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
import org.linli.platform.security.Roles;
import org.linli.resident.domain.CarePairing;
import org.linli.resident.domain.TeamCategory;
import org.linli.resident.domain.TeamMembership;
import org.linli.resident.domain.Volunteer;
import org.linli.resident.domain.VolunteerStatus;
import org.linli.resident.domain.VolunteerTeam;
import org.linli.resident.service.Volunteering;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteers", description = "Red-vest volunteers (红马甲): enrolment, teams, care pairings (结对帮扶)")
public class VolunteerResource {

    private final Volunteering volunteering;

    VolunteerResource(Volunteering volunteering) {
        this.volunteering = volunteering;
    }

    public record Application(@NotNull UUID residentId) {
    }

    public record Rejection(@NotBlank @Size(max = 300) String reason) {
    }

    public record NewTeam(@NotBlank @Size(max = 100) String name, @NotNull TeamCategory category) {
    }

    public record NewMember(@NotNull UUID residentId) {
    }

    public record NewPairing(@NotNull UUID volunteerId, @NotNull UUID residentId, @Size(max = 300) String note) {
    }

    public record VolunteerView(UUID residentId, VolunteerStatus status, OffsetDateTime appliedAt, String reviewedBy,
            OffsetDateTime reviewedAt, String rejectionReason) {
        static VolunteerView of(Volunteer v) {
            return new VolunteerView(v.residentId, v.status, v.appliedAt, v.reviewedBy, v.reviewedAt, v.rejectionReason);
        }
    }

    public record TeamView(UUID id, String name, TeamCategory category) {
        static TeamView of(VolunteerTeam t) {
            return new TeamView(t.id, t.name, t.category);
        }
    }

    public record MemberView(UUID residentId, OffsetDateTime joinedAt) {
        static MemberView of(TeamMembership m) {
            return new MemberView(m.residentId, m.joinedAt);
        }
    }

    public record PairingView(UUID id, UUID volunteerId, UUID residentId, OffsetDateTime since, OffsetDateTime endedAt,
            String note) {
        static PairingView of(CarePairing p) {
            return new PairingView(p.id, p.volunteerId, p.residentId, p.since, p.endedAt, p.note);
        }
    }

    @POST
    @Path("/volunteers")
    @RolesAllowed({ Roles.RESIDENT, Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Apply to volunteer", description = "A resident for themselves, or staff on their behalf (with the resident's VOLUNTEERING consent). Starts PENDING.")
    public Response apply(@PathParam("communityId") String communityId, @NotNull @Valid Application request) {
        Volunteer v = volunteering.apply(communityId, request.residentId());
        return Response.created(URI.create("/communities/" + communityId + "/volunteers/" + v.residentId))
                .entity(VolunteerView.of(v)).build();
    }

    @GET
    @Path("/volunteers")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public List<VolunteerView> volunteers(@PathParam("communityId") String communityId,
            @QueryParam("status") VolunteerStatus status) {
        return volunteering.list(communityId, status).stream().map(VolunteerView::of).toList();
    }

    @POST
    @Path("/volunteers/{residentId}/approve")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    @Operation(summary = "Approve an application", description = "Publishes volunteer.enrolled.v1: points-service opens the volunteer's points account.")
    public VolunteerView approve(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return VolunteerView.of(volunteering.approve(communityId, residentId));
    }

    @POST
    @Path("/volunteers/{residentId}/reject")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    public VolunteerView reject(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid Rejection request) {
        return VolunteerView.of(volunteering.reject(communityId, residentId, request.reason()));
    }

    @POST
    @Path("/volunteer-teams")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    public Response createTeam(@PathParam("communityId") String communityId, @NotNull @Valid NewTeam request) {
        VolunteerTeam team = volunteering.createTeam(communityId, request.name(), request.category());
        return Response.created(URI.create("/communities/" + communityId + "/volunteer-teams/" + team.id))
                .entity(TeamView.of(team)).build();
    }

    @GET
    @Path("/volunteer-teams")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public List<TeamView> teams(@PathParam("communityId") String communityId) {
        return volunteering.teams(communityId).stream().map(TeamView::of).toList();
    }

    @GET
    @Path("/volunteer-teams/{teamId}/members")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public List<MemberView> members(@PathParam("communityId") String communityId, @PathParam("teamId") UUID teamId) {
        return volunteering.members(communityId, teamId).stream().map(MemberView::of).toList();
    }

    @POST
    @Path("/volunteer-teams/{teamId}/members")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    public Response join(@PathParam("communityId") String communityId, @PathParam("teamId") UUID teamId,
            @NotNull @Valid NewMember request) {
        TeamMembership m = volunteering.join(communityId, teamId, request.residentId());
        return Response.status(201).entity(MemberView.of(m)).build();
    }

    @DELETE
    @Path("/volunteer-teams/{teamId}/members/{residentId}")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    public Response leave(@PathParam("communityId") String communityId, @PathParam("teamId") UUID teamId,
            @PathParam("residentId") UUID residentId) {
        volunteering.leave(communityId, teamId, residentId);
        return Response.noContent().build();
    }

    @POST
    @Path("/pairings")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Pair an approved volunteer with a resident they will look after")
    public Response pair(@PathParam("communityId") String communityId, @NotNull @Valid NewPairing request) {
        CarePairing p = volunteering.pair(communityId, request.volunteerId(), request.residentId(), request.note());
        return Response.created(URI.create("/communities/" + communityId + "/pairings/" + p.id)).entity(PairingView.of(p)).build();
    }

    @POST
    @Path("/pairings/{pairingId}/end")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public PairingView endPairing(@PathParam("communityId") String communityId, @PathParam("pairingId") UUID pairingId) {
        return PairingView.of(volunteering.endPairing(communityId, pairingId));
    }

    @GET
    @Path("/residents/{residentId}/pairings")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.RESIDENT })
    @Operation(summary = "Current pairings of a resident, as volunteer or as the one looked after")
    public List<PairingView> pairings(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return volunteering.pairingsOf(communityId, residentId).stream().map(PairingView::of).toList();
    }
}
