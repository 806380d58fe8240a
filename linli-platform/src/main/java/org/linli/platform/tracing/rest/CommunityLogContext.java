package org.linli.platform.tracing.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.MDC;
import org.linli.platform.tracing.EventTracing;

import io.opentelemetry.api.trace.Span;

/**
 * Every request to a path under {@code /communities/{communityId}} names its community in the log lines it writes
 * ({@value EventTracing#COMMUNITY_ID} in the MDC, beside the trace and span ids) and on its server span
 * ({@code linli.community_id}): one place for every resource of every service.
 */
@Provider
public class CommunityLogContext implements ContainerRequestFilter, ContainerResponseFilter {

    static final String PATH_PARAMETER = "communityId";

    @Override
    public void filter(ContainerRequestContext request) {
        String community = request.getUriInfo().getPathParameters().getFirst(PATH_PARAMETER);
        if (community != null && !community.isBlank()) {
            MDC.put(EventTracing.COMMUNITY_ID, community);
            Span.current().setAttribute("linli.community_id", community);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MDC.remove(EventTracing.COMMUNITY_ID);
    }
}
