package org.linli.platform.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * An action whose body is optional ({@code POST .../cancel}, {@code POST .../bookings} with nothing to add) may be
 * sent with no body, and then with no Content-Type or whatever one the client library adds (text/plain), as a
 * phone app or curl naturally does. Such a request is read as an empty JSON body (no entity) instead of being
 * refused with 415. A request that has a body keeps its Content-Type.
 */
public class BodylessActions {

    @ServerRequestFilter(preMatching = true)
    public void emptyBodyIsJson(jakarta.ws.rs.container.ContainerRequestContext request, HttpServerRequest http) {
        if (!"POST".equals(request.getMethod()) || MediaType.APPLICATION_JSON_TYPE.isCompatible(request.getMediaType())) {
            return;
        }
        String length = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = http.getHeader("Transfer-Encoding") != null;
        if (!chunked && (length == null || "0".equals(length.trim()))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
