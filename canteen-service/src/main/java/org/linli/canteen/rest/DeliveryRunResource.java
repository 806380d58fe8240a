package org.linli.canteen.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.domain.DelivererKind;
import org.linli.canteen.domain.DeliveryRun;
import org.linli.canteen.domain.DeliveryStop;
import org.linli.canteen.domain.WelfareCheck;
import org.linli.canteen.service.CanteenScope;
import org.linli.canteen.service.Deliveries;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/delivery-runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery", description = "Lunch to the door with a welfare check")
public class DeliveryRunResource {

    private final Deliveries deliveries;
    private final CanteenScope scope;

    DeliveryRunResource(Deliveries deliveries, CanteenScope scope) {
        this.deliveries = deliveries;
        this.scope = scope;
    }

    public record Outcome(@NotNull WelfareCheck welfareCheck, @Size(max = 500) String note) {
    }

    /**
     * What the deliverer needs at the door, no more: ids, the diet, the outcome (the note for staff only). dinerId is
     * the elder's resident id: the app joins it with resident-service's delivery doors for the building, unit, door
     * and what to call them.
     */
    public record StopView(UUID stopId, int sequence, UUID orderId, UUID dinerId, UUID buildingId, UUID unitId,
            List<String> dietaryNeeds, WelfareCheck welfareCheck, OffsetDateTime recordedAt, String note) {
        static StopView of(DeliveryStop s, boolean staff) {
            return new StopView(s.id, s.sequence, s.orderId, s.dinerId, s.buildingId, s.unitId, s.dietaryCodes(),
                    s.welfareCheck, s.recordedAt, staff ? s.note : null);
        }
    }

    public record RunSummary(UUID id, LocalDate date, DelivererKind delivererKind, String delivererId) {
        static RunSummary of(DeliveryRun r) {
            return new RunSummary(r.id, r.runDate, r.delivererKind, r.delivererId);
        }
    }

    public record RunView(UUID id, LocalDate date, DelivererKind delivererKind, String delivererId, List<StopView> stops) {
        static RunView of(Deliveries.RunWithStops run, boolean staff) {
            DeliveryRun r = run.run();
            return new RunView(r.id, r.runDate, r.delivererKind, r.delivererId,
                    run.stops().stream().map(s -> StopView.of(s, staff)).toList());
        }
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.VOLUNTEER, Roles.GATEWAY })
    @Operation(summary = "A run's stops in order", description = "A volunteer opens only their own run (404 otherwise).")
    public RunView get(@PathParam("communityId") String communityId, @PathParam("runId") UUID runId) {
        return RunView.of(deliveries.run(communityId, runId), scope.isStaff());
    }

    @POST
    @Path("/stops/{stopId}/outcome")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.VOLUNTEER, Roles.GATEWAY })
    @Operation(summary = "Record the door: OK, CONCERN (with a note) or NO_ANSWER", description = "OK and CONCERN publish "
            + "meal.delivered.v1 (the note stays here), NO_ANSWER meal.delivery-missed.v1. Once per order: the same outcome "
            + "again answers the same and publishes nothing; a different one is a 409.")
    public StopView record(@PathParam("communityId") String communityId, @PathParam("runId") UUID runId,
            @PathParam("stopId") UUID stopId, @NotNull @Valid Outcome request) {
        if (request.welfareCheck() == WelfareCheck.CONCERN && (request.note() == null || request.note().isBlank())) {
            throw new BadRequestException("note: say what worried you (it stays in the canteen)");
        }
        return StopView.of(deliveries.record(communityId, runId, stopId, request.welfareCheck(), request.note()),
                scope.isStaff());
    }
}
