package org.linli.partner.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.linli.partner.domain.Delivery;
import org.linli.partner.domain.DeliveryStatus;
import org.linli.partner.service.DeliveryLog;
import org.linli.platform.security.Roles;

/** A partner's delivery log, and replays. */
@Path("/partners/{partnerId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
@Tag(name = "Webhooks")
public class DeliveryResource {

    private final DeliveryLog log;

    DeliveryResource(DeliveryLog log) {
        this.log = log;
    }

    /** One delivery as the log shows it: what was sent (ids and figures), and how its attempts went. */
    public record DeliveryView(UUID id, UUID subscriptionId, String eventId, String eventType, String communityId,
            OffsetDateTime occurredAt, DeliveryStatus status, int attempts, Integer lastStatus, String lastError,
            OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime deliveredAt, UUID replayOf, String body) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.subscriptionId, d.eventId, d.eventType, d.communityId, d.occurredAt, d.status,
                    d.attempts, d.lastStatus, d.lastError, d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null,
                    d.createdAt, d.deliveredAt, d.replayOf, d.body);
        }
    }

    public record DeliveryPageView(List<DeliveryView> items, int page, int size, long total) {
    }

    public record ReplayRequest(@NotNull OffsetDateTime from, @NotNull OffsetDateTime to, UUID subscriptionId) {
    }

    public record ReplayView(int queued) {
    }

    @GET
    @Operation(summary = "The partner's deliveries, newest first, paged")
    public DeliveryPageView page(@PathParam("partnerId") String partnerId,
            @QueryParam("subscriptionId") UUID subscriptionId, @QueryParam("status") DeliveryStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        DeliveryLog.DeliveryPage found = log.page(partnerId, subscriptionId, status, page, size);
        return new DeliveryPageView(found.items().stream().map(DeliveryView::of).toList(), found.page(), found.size(),
                found.total());
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Send again every delivery whose event happened in [from, to), as copies with new webhook-ids")
    public Response replay(@PathParam("partnerId") String partnerId, @Valid @NotNull ReplayRequest request) {
        int queued = log.replay(partnerId, request.subscriptionId(), request.from(), request.to());
        return Response.accepted(new ReplayView(queued)).build();
    }
}
