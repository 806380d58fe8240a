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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.linli.points.domain.ServiceLog;
import org.linli.points.domain.ServiceStatus;
import org.linli.points.service.BulkConfirmation;
import org.linli.points.service.ServiceLogs;

@Path("/communities/{communityId}/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service log", description = "Volunteers' services: logged, then confirmed (credited once) or rejected")
public class ServiceResource {

    private final ServiceLogs services;
    private final BulkConfirmation bulk;

    ServiceResource(ServiceLogs services, BulkConfirmation bulk) {
        this.services = services;
        this.bulk = bulk;
    }

    public record NewService(UUID volunteerId, @NotBlank @Size(max = 40) String type, UUID beneficiaryId,
            @NotNull OffsetDateTime performedAt, @Min(1) @Max(720) int minutes, @Size(max = 500) String note) {
    }

    public record Rejection(@NotBlank @Size(max = 500) String reason) {
    }

    public record Confirmations(@NotEmpty @Size(max = 200) List<@NotNull UUID> serviceIds) {
    }

    public record ServiceView(UUID id, String communityId, UUID volunteerId, String type, UUID beneficiaryId,
            UUID activityId, OffsetDateTime performedAt, int minutes, String note, ServiceStatus status, String loggedBy,
            OffsetDateTime loggedAt, String decidedAs, OffsetDateTime decidedAt, String rejectionReason,
            Integer pointsAwarded, UUID postingId) {
        static ServiceView of(ServiceLog s) {
            return new ServiceView(s.id, s.communityId, s.volunteerId, s.typeCode, s.beneficiaryId, s.activityId, s.performedAt,
                    s.minutes, s.note, s.status, s.loggedBy, s.loggedAt, s.decidedAs, s.decidedAt, s.rejectionReason,
                    s.pointsAwarded, s.postingId);
        }
    }

    @POST
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Log a service (pending until confirmed)", description = """
            A volunteer logs their own service; a community worker logs one for a volunteer without a phone
            (volunteerId). Send an Idempotency-Key header: a retried POST with the same key returns the service it
            created (200) instead of a second one. Publishes service.logged.v1.""")
    public Response log(@PathParam("communityId") String communityId,
            @HeaderParam("Idempotency-Key") @Size(max = 100) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
            @NotNull @Valid NewService request) {
        ServiceLogs.Logged logged = services.log(communityId, new ServiceLogs.NewService(request.volunteerId(),
                request.type().strip(), request.beneficiaryId(), request.performedAt(), request.minutes(), request.note()),
                idempotencyKey);
        ServiceView view = ServiceView.of(logged.service());
        return (logged.created()
                ? Response.created(URI.create("/communities/" + communityId + "/services/" + logged.service().id))
                : Response.ok()).entity(view).build();
    }

    @GET
    @RolesAllowed({ Roles.VOLUNTEER, Roles.RESIDENT, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Services, newest first", description = """
            A volunteer sees their own, a resident those done for them, a grid head those for the members of their
            grids, community workers and the district all.""")
    public List<ServiceView> list(@PathParam("communityId") String communityId, @QueryParam("status") ServiceStatus status,
            @QueryParam("volunteerId") UUID volunteerId, @QueryParam("beneficiaryId") UUID beneficiaryId,
            @QueryParam("activityId") UUID activityId, @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return services.list(communityId, new ServiceLogs.Filter(status, volunteerId, beneficiaryId, activityId, from, to),
                page, size).stream().map(ServiceView::of).toList();
    }

    @GET
    @Path("/{serviceId}")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.RESIDENT, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public ServiceView get(@PathParam("communityId") String communityId, @PathParam("serviceId") UUID serviceId) {
        return ServiceView.of(services.visible(communityId, serviceId));
    }

    @POST
    @Path("/{serviceId}/confirm")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Confirm a service: credits its points and minutes, once", description = """
            By the beneficiary, their grid head or a community worker; never by the volunteer. Confirming again
            returns the same result and credits nothing. Publishes service.confirmed.v1 and points.awarded.v1.""")
    public ServiceView confirm(@PathParam("communityId") String communityId, @PathParam("serviceId") UUID serviceId) {
        return ServiceView.of(services.confirm(communityId, serviceId));
    }

    @POST
    @Path("/{serviceId}/reject")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Reject a pending service with a reason", description = "Publishes service.rejected.v1 (without the reason).")
    public ServiceView reject(@PathParam("communityId") String communityId, @PathParam("serviceId") UUID serviceId,
            @NotNull @Valid Rejection request) {
        return ServiceView.of(services.reject(communityId, serviceId, request.reason()));
    }

    @POST
    @Path("/confirmations")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Confirm many services", description = """
            Each service is confirmed in its own transaction; the answer says, per service, 200 (confirmed or
            already confirmed) or the problem status (403, 404, 409) with why.""")
    public List<BulkConfirmation.Outcome> confirmMany(@PathParam("communityId") String communityId, @NotNull @Valid Confirmations request) {
        return bulk.confirm(communityId, request.serviceIds());
    }
}
