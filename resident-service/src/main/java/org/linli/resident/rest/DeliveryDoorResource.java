package org.linli.resident.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.service.DeliveryDoors;

/** The doors of the day's lunch deliveries, for whoever carries them: the canteen's runs name residents by id only. */
@Path("/communities/{communityId}/delivery-doors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery doors", description = "Where the canteen's delivery runs stop, for their deliverers")
public class DeliveryDoorResource {

    private final DeliveryDoors doors;

    DeliveryDoorResource(DeliveryDoors doors) {
        this.doors = doors;
    }

    /** A stop's door (3号楼 2单元 501) and what to call the elder there (王阿姨); null where the registry has no address. */
    public record DoorView(UUID residentId, UUID runId, String buildingName, String unitName, String door,
            String callName) {
        static DoorView of(DeliveryDoors.Door d) {
            return new DoorView(d.residentId(), d.runId(), d.buildingName(), d.unitName(), d.door(), d.callName());
        }
    }

    @GET
    @RolesAllowed({ Roles.VOLUNTEER, Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "The doors of the day's delivery runs, run by run in delivery order", description = "As the "
            + "canteen planned them (delivery-run.planned.v1); join with a run's stops by residentId (the stop's dinerId)."
            + " A volunteer sees only the doors of the runs they carry that day (none on another day); the canteen's "
            + "staff and the community workers of the community see all of them. Reads by anyone but the community "
            + "workers are audited (READ_SENSITIVE, one entry per resident).")
    public List<DoorView> doors(@PathParam("communityId") String communityId,
            @QueryParam("date") @NotNull LocalDate date) {
        return doors.doors(communityId, date).stream().map(DoorView::of).toList();
    }
}
