package org.linli.resident.rest;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

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
import org.linli.platform.security.Roles;
import org.linli.resident.domain.Need;
import org.linli.resident.domain.NeedCategory;
import org.linli.resident.domain.NeedStatus;
import org.linli.resident.domain.NeedStep;
import org.linli.resident.domain.Responsible;
import org.linli.resident.service.Needs;

@Path("/communities/{communityId}/needs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Needs", description = "Residents' needs (民情) heard on rounds, followed until the resident is told")
public class NeedResource {

    private final Needs needs;

    NeedResource(Needs needs) {
        this.needs = needs;
    }

    public record NewNeed(UUID gridId, @NotNull NeedCategory category, @NotBlank @Size(max = 200) String place,
            UUID raisedBy, @NotBlank @Size(max = 1000) String description) {
    }

    public record Routing(@NotNull Responsible responsible, @Size(max = 500) String note) {
    }

    public record StepNote(@Size(max = 500) String note) {
    }

    public record StepView(OffsetDateTime at, String actor, NeedStatus status, String note) {
        static StepView of(NeedStep s) {
            return new StepView(s.at, s.actor, s.status, s.note);
        }
    }

    public record NeedView(UUID id, UUID gridId, NeedCategory category, String place, UUID raisedBy, String description,
            Responsible responsible, NeedStatus status, OffsetDateTime recordedAt, OffsetDateTime doneAt,
            OffsetDateTime residentToldAt, long ageDays, List<StepView> steps) {
        static NeedView of(Need n, List<StepView> steps) {
            OffsetDateTime end = n.residentToldAt != null ? n.residentToldAt : OffsetDateTime.now();
            return new NeedView(n.id, n.gridId, n.category, n.place, n.raisedBy, n.description, n.responsible, n.status,
                    n.recordedAt, n.doneAt, n.residentToldAt, Duration.between(n.recordedAt, end).toDays(), steps);
        }
    }

    @POST
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Record a need heard on a round", description = "Publishes need.recorded.v1 (ids and category only).")
    public Response record(@PathParam("communityId") String communityId, @NotNull @Valid NewNeed request) {
        Need need = needs.record(communityId, new Needs.NewNeed(request.gridId(), request.category(), request.place(),
                request.raisedBy(), request.description()));
        return Response.created(URI.create("/communities/" + communityId + "/needs/" + need.id))
                .entity(NeedView.of(need, null)).build();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Needs by grid with their age, oldest first", description = "Open ones only unless open=false.")
    public List<NeedView> list(@PathParam("communityId") String communityId, @QueryParam("gridId") UUID gridId,
            @QueryParam("open") @DefaultValue("true") boolean open,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return needs.list(communityId, gridId, open, page, size).stream().map(n -> NeedView.of(n, null)).toList();
    }

    @GET
    @Path("/{needId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public NeedView get(@PathParam("communityId") String communityId, @PathParam("needId") UUID needId) {
        Need need = needs.visible(communityId, needId);
        return NeedView.of(need, needs.steps(need).stream().map(StepView::of).toList());
    }

    @POST
    @Path("/{needId}/route")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Route to who is responsible: the community, property management or a city department")
    public NeedView route(@PathParam("communityId") String communityId, @PathParam("needId") UUID needId,
            @NotNull @Valid Routing request) {
        return NeedView.of(needs.advance(communityId, needId, NeedStatus.ROUTED, request.responsible(), request.note()), null);
    }

    @POST
    @Path("/{needId}/start")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public NeedView start(@PathParam("communityId") String communityId, @PathParam("needId") UUID needId,
            @Valid StepNote request) {
        return NeedView.of(needs.advance(communityId, needId, NeedStatus.IN_PROGRESS, null, note(request)), null);
    }

    @POST
    @Path("/{needId}/done")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public NeedView done(@PathParam("communityId") String communityId, @PathParam("needId") UUID needId,
            @Valid StepNote request) {
        return NeedView.of(needs.advance(communityId, needId, NeedStatus.DONE, null, note(request)), null);
    }

    @POST
    @Path("/{needId}/resident-told")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "The resident was told it is done: the need closes", description = "Publishes need.closed.v1.")
    public NeedView residentTold(@PathParam("communityId") String communityId, @PathParam("needId") UUID needId,
            @Valid StepNote request) {
        return NeedView.of(needs.advance(communityId, needId, NeedStatus.CLOSED, null, note(request)), null);
    }

    private static String note(StepNote request) {
        return request == null ? null : request.note();
    }
}
