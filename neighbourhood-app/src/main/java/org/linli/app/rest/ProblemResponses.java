package org.linli.app.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * The app's own answers when it cannot pass a request on (no session, a missing CSRF token, a service unreachable),
 * in the same RFC 9457 shape the services use, so the page reads every error one way.
 */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(int status, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
