package org.linli.partner.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.linli.partner.service.CanteenUnavailable;
import org.linli.partner.service.InboundAlarms;
import org.linli.partner.service.InboundMealReports;
import org.linli.partner.service.ResidentAlarms;
import org.linli.partner.service.SignatureRefused;
import org.linli.platform.problem.Problem;

import io.quarkus.logging.Log;

/**
 * What partners send in, signed as Standard Webhooks specifies (webhook-id, webhook-timestamp, webhook-signature with
 * the partner's inbound secret), not with a bearer token: a forged or stale message is 401, a replayed webhook-id 409.
 */
@Path("/inbound")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound", description = "Signed messages partners send in: device vendors' gas and smoke alarms, canteen "
        + "operators' meal reports")
public class InboundResource {

    private final InboundAlarms alarms;
    private final InboundMealReports mealReports;

    InboundResource(InboundAlarms alarms, InboundMealReports mealReports) {
        this.alarms = alarms;
        this.mealReports = mealReports;
    }

    public record AlarmReceipt(UUID alertId, String status) {
    }

    @POST
    @Path("/{partnerId}/device-alarms")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A device vendor reports a gas or smoke alarm (body: alarmId, communityId, householdId, kind GAS_LEAK|SMOKE, deviceId, occurredAt)",
            description = "Signed with the vendor's inbound secret; raises a care alert through resident-service, once per alarmId.")
    public Response deviceAlarm(@PathParam("partnerId") String partnerId, @HeaderParam("webhook-id") String webhookId,
            @HeaderParam("webhook-timestamp") String timestamp, @HeaderParam("webhook-signature") String signature,
            String body) {
        ResidentAlarms.Receipt receipt = alarms.receive(partnerId, webhookId, timestamp, signature, body);
        return Response.status(202).entity(new AlarmReceipt(receipt.alertId(), receipt.status())).build();
    }

    @POST
    @Path("/{partnerId}/meal-reports")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A canteen operator reports lunches served and delivered (body: reportId, communityId, "
            + "served[orderId], deliveries[{runId, stopId, welfareCheck OK|CONCERN|NO_ANSWER, note}])",
            description = "Signed with the operator's inbound secret. Each item becomes canteen-service's check-off or "
                    + "door outcome; 202 with each item done, already (done before: nothing changed) or refused (with "
                    + "the reason). 401 forged or stale, 409 a webhook-id taken before, 404 a community the operator "
                    + "does not serve, 503 canteen-service unavailable (send the same message again).")
    public Response mealReport(@PathParam("partnerId") String partnerId, @HeaderParam("webhook-id") String webhookId,
            @HeaderParam("webhook-timestamp") String timestamp, @HeaderParam("webhook-signature") String signature,
            String body) {
        InboundMealReports.Receipt receipt = mealReports.receive(partnerId, webhookId, timestamp, signature, body);
        return Response.status(202).entity(receipt).build();
    }

    @ServerExceptionMapper
    public Response unavailable(CanteenUnavailable e, UriInfo uri) {
        Log.warnf("Meal report on %s not taken: %s", uri.getPath(), e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "30")
                .entity(new Problem("https://linli.dev/problems/canteen-unavailable", "Canteen service unavailable", 503,
                        "canteen-service could not take the report now; send the same message again (its webhook-id "
                                + "was not taken, items done so far answer already)", uri.getPath(), List.of()))
                .build();
    }

    @ServerExceptionMapper
    public Response refused(SignatureRefused e, UriInfo uri) {
        Log.infof("Inbound message refused on %s: %s", uri.getPath(), e.getMessage());
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://linli.dev/problems/signature-refused", "Signature refused", 401,
                        "The message's webhook-signature does not verify, or its webhook-timestamp is not within 5 minutes of now",
                        uri.getPath(), List.of()))
                .build();
    }
}
