package org.linli.partner.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
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
import org.linli.partner.domain.Subscription;
import org.linli.partner.domain.SubscriptionStatus;
import org.linli.partner.service.EndpointRefused;
import org.linli.partner.service.Subscriptions;
import org.linli.platform.problem.Problem;
import org.linli.platform.security.Roles;

/** A partner's webhook endpoints. The signing secret is answered once, when it is created or rolled. */
@Path("/partners/{partnerId}/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
@Tag(name = "Webhooks", description = "Subscriptions, signing secrets, deliveries and replays (Standard Webhooks)")
public class SubscriptionResource {

    private final Subscriptions subscriptions;

    SubscriptionResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    public record SubscriptionRequest(@NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = PartnerResource.EVENT_TYPE) String> eventTypes) {
    }

    public record SubscriptionView(UUID id, String partnerId, String url, List<String> eventTypes, SubscriptionStatus status,
            String pausedReason, OffsetDateTime pausedAt, OffsetDateTime createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id, s.partnerId, s.url, List.copyOf(s.eventTypes), s.status, s.pausedReason,
                    s.pausedAt, s.createdAt);
        }
    }

    /** A subscription with its signing secret: store it now, it is not shown again. */
    public record CreatedSubscription(SubscriptionView subscription, String secret) {
    }

    /** The new secret; the previous one keeps signing until {@code previousValidUntil}. */
    public record RolledSecret(SubscriptionView subscription, String secret, OffsetDateTime previousValidUntil) {
    }

    /** An endpoint that is not a public internet address (loopback, private, link-local, metadata, cluster-internal). */
    @ServerExceptionMapper
    public Response endpointRefused(EndpointRefused e, UriInfo uri) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://linli.dev/problems/endpoint-not-public", "The endpoint is not a public address",
                        422, "url: " + e.getMessage() + "; webhooks go to public internet endpoints only", uri.getPath(),
                        List.of(new Problem.Violation("url", e.getMessage()))))
                .build();
    }

    @POST
    @Operation(summary = "Subscribe an endpoint to event types; answers the signing secret, once", description = "The "
            + "url must be https:// and a public internet address: loopback, private, link-local (cloud metadata), CGNAT, "
            + "unique-local, multicast and cluster-internal hosts are refused with 422.")
    public Response subscribe(@PathParam("partnerId") String partnerId, @Valid @NotNull SubscriptionRequest request) {
        Subscriptions.Created created = subscriptions.subscribe(partnerId, request.url(), request.eventTypes());
        return Response.created(URI.create("/partners/" + partnerId + "/subscriptions/" + created.subscription().id))
                .entity(new CreatedSubscription(SubscriptionView.of(created.subscription()), created.secret())).build();
    }

    @GET
    @Operation(summary = "The partner's subscriptions (without secrets)")
    public List<SubscriptionView> list(@PathParam("partnerId") String partnerId) {
        return subscriptions.of(partnerId).stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("/{subscriptionId}")
    @Operation(summary = "One subscription, with why it is paused if it is")
    public SubscriptionView get(@PathParam("partnerId") String partnerId, @PathParam("subscriptionId") UUID subscriptionId) {
        return SubscriptionView.of(subscriptions.get(partnerId, subscriptionId));
    }

    @POST
    @Path("/{subscriptionId}/secret/roll")
    @Operation(summary = "Roll the signing secret; both sign deliveries during the overlap (linli.partner.secret-overlap)")
    public RolledSecret roll(@PathParam("partnerId") String partnerId, @PathParam("subscriptionId") UUID subscriptionId) {
        Subscriptions.Rolled rolled = subscriptions.roll(partnerId, subscriptionId);
        return new RolledSecret(SubscriptionView.of(rolled.subscription()), rolled.secret(), rolled.previousValidUntil());
    }

    @POST
    @Path("/{subscriptionId}/pause")
    @Operation(summary = "Stop sending; deliveries wait, in order")
    public SubscriptionView pause(@PathParam("partnerId") String partnerId, @PathParam("subscriptionId") UUID subscriptionId) {
        return SubscriptionView.of(subscriptions.pause(partnerId, subscriptionId));
    }

    @POST
    @Path("/{subscriptionId}/resume")
    @Operation(summary = "Send again, starting with the deliveries that were given up")
    public SubscriptionView resume(@PathParam("partnerId") String partnerId, @PathParam("subscriptionId") UUID subscriptionId) {
        return SubscriptionView.of(subscriptions.resume(partnerId, subscriptionId));
    }
}
