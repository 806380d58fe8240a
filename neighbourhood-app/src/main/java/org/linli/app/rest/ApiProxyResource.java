package org.linli.app.rest;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.linli.app.session.CurrentSession;
import org.linli.app.session.SignedInUser;
import org.linli.app.upstream.LinliService;
import org.linli.app.upstream.ServiceCalls;

/**
 * {@code /api/{resident|points|canteen}/...}: the page's calls to the three services' public APIs, sent on with the
 * signed-in person's token (which the page never holds). The services decide what the person may do; their answers,
 * problems included, come back unchanged, with no caching.
 */
@Path("/api/{service}/{path: .+}")
public class ApiProxyResource {

    private static final Logger LOG = Logger.getLogger(ApiProxyResource.class);
    /** The request headers a service reads; nothing else (no cookie) is passed on. */
    private static final List<String> PASSED_ON = List.of("Content-Type", "Accept", "Accept-Language", "Idempotency-Key",
            "If-Match", "If-None-Match");

    private final ServiceCalls services;
    private final CurrentSession session;
    private final Cookies cookies;

    ApiProxyResource(ServiceCalls services, CurrentSession session, Cookies cookies) {
        this.services = services;
        this.session = session;
        this.cookies = cookies;
    }

    @GET
    public Response get(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", service, uri, headers, null);
    }

    @POST
    public Response post(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", service, uri, headers, body);
    }

    @PUT
    public Response put(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", service, uri, headers, body);
    }

    @PATCH
    public Response patch(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PATCH", service, uri, headers, body);
    }

    @DELETE
    public Response delete(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", service, uri, headers, null);
    }

    private Response forward(String method, String serviceName, UriInfo uri, HttpHeaders headers, byte[] body) {
        String instance = uri.getRequestUri().getRawPath();
        LinliService service = LinliService.named(serviceName).orElse(null);
        if (service == null) {
            return ProblemResponses.of(404, "Not found", "There is no service called " + serviceName + ".", instance);
        }
        SignedInUser user = session.withLiveToken().orElse(null);
        if (user == null) {
            Response notSignedIn = ProblemResponses.of(401, "Not signed in", "Please sign in again.", instance);
            // the provider refused to renew the session: forget it in this browser too
            return session.renewed() ? Response.fromResponse(notSignedIn).cookie(cookies.sessionEnded()).build() : notSignedIn;
        }
        String prefix = "/api/" + serviceName;
        String pathAndQuery = instance.substring(prefix.length())
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        Map<String, String> passed = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                passed.put(name, value);
            }
        }
        try {
            HttpResponse<byte[]> answer = services.call(service, method, pathAndQuery, user.token(), passed, body);
            Response.ResponseBuilder response = Response.status(answer.statusCode()).header("Cache-Control", "no-store");
            if (session.renewed()) {
                response.cookie(cookies.session(user)); // the renewed token, for the next calls
            }
            answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
            answer.headers().firstValue("Location").ifPresent(location -> response.header("Location",
                    location.replace(services.base(service).toString().replaceAll("/$", ""), prefix)));
            return answer.body().length == 0 ? response.build() : response.entity(answer.body()).build();
        } catch (ServiceCalls.Unavailable e) {
            LOG.warnf("%s %s: %s", method, prefix, e.getMessage()); // the path may hold ids; the service name is enough
            Response unavailable = ProblemResponses.of(503, "Service unavailable", "The " + serviceName
                    + " service is not answering right now. Please try again in a minute.",
                    instance);
            return session.renewed() ? Response.fromResponse(unavailable).cookie(cookies.session(user)).build() : unavailable;
        }
    }
}
