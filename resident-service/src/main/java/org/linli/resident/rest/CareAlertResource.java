package org.linli.resident.rest;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.domain.AlertStatus;
import org.linli.resident.domain.CareAlert;
import org.linli.resident.domain.LastContact;
import org.linli.resident.domain.Resident;
import org.linli.resident.service.CareAlerts;
import org.linli.resident.service.ResidentScope;

import io.quarkus.panache.common.Sort;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Care alerts", description = "Missed doors, worrying welfare checks, gas and smoke alarms; who was told; who acted")
public class CareAlertResource {

    private final CareAlerts alerts;
    private final ResidentScope scope;

    CareAlertResource(CareAlerts alerts, ResidentScope scope) {
        this.alerts = alerts;
        this.scope = scope;
    }

    public record Note(@NotBlank @Size(max = 500) String note) {
    }

    /**
     * One notice: to whom (by reference), at which stage (RAISED, ESCALATED, FALLBACK), through which channel (sms,
     * wechat, email, log, console; pending before the first try), when, its status (PENDING, SENDING, SENT, FAILED,
     * UNCERTAIN, CANCELLED), how many attempts and the last refusal (the channel and the provider's code).
     */
    public record NotificationView(String recipientKind, String recipientRef, String channel, OffsetDateTime sentAt,
            boolean delivered, String stage, String status, int attempts, String lastError) {
        static NotificationView of(AlertNotification n) {
            return new NotificationView(n.recipientKind, n.recipientRef, n.channel, n.sentAt, n.delivered, n.stage,
                    n.status, n.attempts, n.lastError);
        }
    }

    public record AlertView(UUID id, UUID residentId, UUID householdId, UUID gridId, AlertCause cause, AlertStatus status,
            OffsetDateTime raisedAt, OffsetDateTime escalatedAt, String acknowledgedBy, UUID acknowledgedFor,
            OffsetDateTime acknowledgedAt, String acknowledgement, String resolvedBy, OffsetDateTime resolvedAt,
            String resolution, List<NotificationView> notifications) {
        static AlertView of(CareAlert a, List<NotificationView> notifications) {
            return new AlertView(a.id, a.residentId, a.householdId, a.gridId, a.cause, a.status, a.raisedAt, a.escalatedAt,
                    a.acknowledgedBy, a.acknowledgedFor, a.acknowledgedAt, a.acknowledgement, a.resolvedBy, a.resolvedAt,
                    a.resolution, notifications);
        }
    }

    public record QuietElder(UUID residentId, String name, UUID gridId, UUID buildingId, UUID unitId, boolean housebound,
            boolean livesAlone, OffsetDateTime lastContactAt, String lastContactKind, Long daysWithoutContact) {
    }

    @GET
    @Path("/care-alerts")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Care alerts, open ones first by default", description = "Grid heads see their grids' alerts only.")
    public List<AlertView> list(@PathParam("communityId") String communityId,
            @QueryParam("open") @DefaultValue("true") boolean openOnly,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return alerts.list(communityId, openOnly, size).stream().map(a -> AlertView.of(a, null)).toList();
    }

    @GET
    @Path("/care-alerts/{alertId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.FAMILY })
    @Operation(summary = "One alert with everyone who was notified",
            description = "A family member sees an alert about a parent they hold a CARE_ALERTS link for.")
    public AlertView get(@PathParam("communityId") String communityId, @PathParam("alertId") UUID alertId) {
        CareAlert alert = alerts.visible(communityId, alertId);
        return AlertView.of(alert, alerts.notifications(alert).stream().map(NotificationView::of).toList());
    }

    @POST
    @Path("/care-alerts/{alertId}/acknowledge")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.FAMILY })
    @Operation(summary = "Take an alert on (stops its escalation)",
            description = "A family member with a CARE_ALERTS link acknowledges for their parent: acknowledgedBy is the "
                    + "member, acknowledgedFor the parent, and the audit trail names both.")
    public AlertView acknowledge(@PathParam("communityId") String communityId, @PathParam("alertId") UUID alertId,
            @NotNull @Valid Note request) {
        return AlertView.of(alerts.acknowledge(communityId, alertId, request.note().strip()), null);
    }

    @POST
    @Path("/care-alerts/{alertId}/resolve")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Close an alert with what happened", description = "Publishes care-alert.resolved.v1.")
    public AlertView resolve(@PathParam("communityId") String communityId, @PathParam("alertId") UUID alertId,
            @NotNull @Valid Note request) {
        return AlertView.of(alerts.resolve(communityId, alertId, request.note().strip()), null);
    }

    @GET
    @Path("/quiet-elders")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Housebound or lone residents nobody has seen for N days",
            description = "Last contact comes from confirmed volunteer visits and delivered lunches. Never seen comes first.")
    public List<QuietElder> quietElders(@PathParam("communityId") String communityId,
            @QueryParam("days") @DefaultValue("2") @Min(1) @Max(365) int days) {
        scope.readableCommunity(communityId);
        OffsetDateTime now = OffsetDateTime.now();
        return alerts.quietElders(communityId, scope.gridRestriction().orElse(null), days).stream().map(row -> {
            Resident r = (Resident) row[0];
            LastContact c = (LastContact) row[1];
            return new QuietElder(r.id, r.name, r.gridId, r.buildingId, r.unitId, r.housebound, r.livesAlone,
                    c == null ? null : c.at, c == null ? null : c.kind,
                    c == null ? null : Duration.between(c.at, now).toDays());
        }).toList();
    }
}
