package org.linli.platform.testapp;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;
import org.linli.platform.events.OutgoingEvent;
import org.linli.platform.outbox.Outbox;

import io.opentelemetry.api.trace.Span;

/**
 * Publishes an event inside a request under {@code /communities/{communityId}}, as a service's resource does, and answers
 * the request's trace id and what the log lines of the request carry (the MDC).
 */
@Path("/communities/{communityId}/traced-events")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TracedResource {

    public static final String TOPIC = "linli.platform-test.traces";

    private final Outbox outbox;

    TracedResource(Outbox outbox) {
        this.outbox = outbox;
    }

    public record Published(String key, UUID eventId, String traceId, String spanId, String loggedTraceId,
            String loggedCommunityId) {
    }

    @POST
    @Transactional
    public Published publish(@PathParam("communityId") String communityId) {
        String key = "traced-" + UUID.randomUUID();
        UUID id = outbox.publish(new OutgoingEvent(TOPIC, "platform-test.traced.v1", key, "traced/" + key, communityId,
                Map.of("key", key)));
        Object loggedTrace = MDC.get("traceId");
        Object loggedCommunity = MDC.get("communityId");
        return new Published(key, id, Span.current().getSpanContext().getTraceId(),
                Span.current().getSpanContext().getSpanId(), loggedTrace == null ? null : loggedTrace.toString(),
                loggedCommunity == null ? null : loggedCommunity.toString());
    }
}
