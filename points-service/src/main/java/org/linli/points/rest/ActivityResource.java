package org.linli.points.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.linli.points.domain.ServiceActivity;
import org.linli.points.service.BulkConfirmation;
import org.linli.points.service.ServiceLogs;

@Path("/communities/{communityId}/activities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service log")
public class ActivityResource {

    private final ServiceLogs services;
    private final BulkConfirmation bulk;

    ActivityResource(ServiceLogs services, BulkConfirmation bulk) {
        this.services = services;
        this.bulk = bulk;
    }

    public record NewActivity(@NotBlank @Size(max = 40) String type, @NotBlank @Size(max = 200) String title,
            @NotNull OffsetDateTime performedAt, @Min(1) @Max(720) int minutes,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> volunteerIds) {
    }

    public record ActivityView(UUID id, String communityId, String type, String title, OffsetDateTime performedAt,
            int minutes, String organisedBy, List<ServiceResource.ServiceView> services) {
    }

    @POST
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Log a group activity (a snow-sweeping morning): one pending service per volunteer")
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid NewActivity request) {
        ServiceActivity activity = services.logActivity(communityId, new ServiceLogs.NewActivity(request.type().strip(),
                request.title(), request.performedAt(), request.minutes(), request.volunteerIds()));
        return Response.created(URI.create("/communities/" + communityId + "/activities/" + activity.id))
                .entity(view(activity)).build();
    }

    @GET
    @Path("/{activityId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    public ActivityView get(@PathParam("communityId") String communityId, @PathParam("activityId") UUID activityId) {
        return view(services.activity(communityId, activityId));
    }

    @POST
    @Path("/{activityId}/confirm")
    @RolesAllowed({ Roles.COMMUNITY_WORKER })
    @Operation(summary = "Confirm every pending service of the activity", description = "Per-service outcomes, as bulk confirmation.")
    public List<BulkConfirmation.Outcome> confirm(@PathParam("communityId") String communityId,
            @PathParam("activityId") UUID activityId) {
        services.activity(communityId, activityId);
        return bulk.confirm(communityId, services.ofActivity(activityId).stream().map(s -> s.id).toList());
    }

    private ActivityView view(ServiceActivity a) {
        String code = services.typeCode(a.typeId);
        return new ActivityView(a.id, a.communityId, code, a.title, a.performedAt, a.minutes, a.organisedBy,
                services.ofActivity(a.id).stream().map(ServiceResource.ServiceView::of).toList());
    }
}
