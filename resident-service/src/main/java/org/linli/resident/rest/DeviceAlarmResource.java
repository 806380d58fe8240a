package org.linli.resident.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.service.CareAlerts;

@Path("/device-alarms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device alarms", description = "Smart gas alarms and smoke detectors, reported by partner integrations")
public class DeviceAlarmResource {

    public enum AlarmKind {
        GAS_LEAK, SMOKE
    }

    private final CareAlerts alerts;

    DeviceAlarmResource(CareAlerts alerts) {
        this.alerts = alerts;
    }

    /** An alarm as the partner's platform reports it; alarmId makes a repeated report harmless. */
    public record DeviceAlarm(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String alarmId,
            @NotBlank @Pattern(regexp = ResidentResource.COMMUNITY_ID) String communityId, @NotNull UUID householdId,
            @NotNull AlarmKind kind, @NotBlank @Size(max = 100) String deviceId, OffsetDateTime occurredAt) {
    }

    public record AlarmReceipt(UUID alertId, String status) {
    }

    @POST
    @RolesAllowed({ Roles.PARTNER, Roles.GATEWAY })
    @Operation(summary = "Report a household alarm",
            description = "Raises a care alert that reaches the household's emergency contacts, the grid head and the duty desk at once. The same alarmId again returns the same alert (200 instead of 201). A device vendor's token needs the community claim; partner-gateway (role partner-gateway) passes on the signed alarms of the vendors it serves, in any community.")
    public Response report(@NotNull @Valid DeviceAlarm alarm) {
        AlertCause cause = alarm.kind() == AlarmKind.GAS_LEAK ? AlertCause.GAS_ALARM : AlertCause.SMOKE_ALARM;
        CareAlerts.AlarmReport report = alerts.reportAlarm(alarm.communityId(), alarm.householdId(), cause, alarm.alarmId());
        return Response.status(report.raised() ? 201 : 200)
                .entity(new AlarmReceipt(report.alert().id, report.alert().status.name())).build();
    }
}
