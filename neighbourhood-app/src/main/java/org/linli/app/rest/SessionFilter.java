package org.linli.app.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.linli.app.session.CurrentSession;
import org.linli.app.session.SignedInUser;

/**
 * Refuses a state-changing request that another site could have made:
 * it must come from this origin (when the browser says where from) and repeat the session's CSRF token in
 * {@code X-CSRF-Token} (a page of another origin cannot read it). The sign-in form, which has no session yet, is held
 * to the origin check alone.
 */
public class SessionFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentSession session;

    SessionFilter(CurrentSession session) {
        this.session = session;
    }

    @ServerRequestFilter(preMatching = true)
    public Response open(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!sameOrigin(request)) {
            return ProblemResponses.of(403, "Cross-site request refused",
                    "This request came from another site; Linli accepts changes only from its own pages.", path);
        }
        if (path.startsWith("/dev/sign-in")) {
            return null;
        }
        SignedInUser user = session.user().orElse(null);
        if (user == null) {
            return ProblemResponses.of(401, "Not signed in", "Please sign in again.", path);
        }
        String presented = request.getHeaderString(CSRF_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                user.csrf().getBytes(StandardCharsets.UTF_8))) {
            return ProblemResponses.of(403, "Missing or wrong CSRF token",
                    "The page must send the session's " + CSRF_HEADER + " with every change; reload the page.", path);
        }
        return null;
    }

    /** Whether the browser's Origin (or, lacking it, Sec-Fetch-Site) says the request came from this app's own origin. */
    private static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals("null")) {
            URI own = request.getUriInfo().getBaseUri();
            URI from = URI.create(origin);
            String forwardedHost = request.getHeaderString("X-Forwarded-Host");
            String host = forwardedHost != null ? forwardedHost : request.getHeaderString("Host");
            return host != null && host.equalsIgnoreCase(from.getAuthority()) || own.getAuthority().equalsIgnoreCase(from.getAuthority());
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }
}
