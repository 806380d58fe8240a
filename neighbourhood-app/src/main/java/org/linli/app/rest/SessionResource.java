package org.linli.app.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.linli.app.AppConfig;
import org.linli.app.session.CurrentSession;
import org.linli.app.session.ProviderSignIn;
import org.linli.app.session.SignedInUser;

/**
 * {@code /session}: who is signed in, for the page (never the token), the CSRF token the page repeats on every change,
 * and signing out.
 */
@Path("/session")
public class SessionResource {

    private final CurrentSession session;
    private final Cookies cookies;
    private final AppConfig config;
    private final ProviderSignIn provider;

    SessionResource(CurrentSession session, Cookies cookies, AppConfig config, ProviderSignIn provider) {
        this.session = session;
        this.cookies = cookies;
        this.config = config;
        this.provider = provider;
    }

    /** The signed-in person (subject, name, roles, community, CSRF token), or {@code signedIn: false}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response current() {
        Map<String, Object> body = new LinkedHashMap<>();
        SignedInUser user = session.user().orElse(null);
        body.put("signedIn", user != null);
        if (user != null) {
            body.put("subject", user.subject());
            body.put("name", user.name());
            body.put("roles", user.roles());
            body.put("community", user.community());
            body.put("csrfToken", user.csrf());
            body.put("expiresAt", user.expiresAt().toString());
        }
        body.put("signInUrl", signInUrl());
        body.put("development", config.developmentSignIn().enabled());
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    /**
     * Ends the session in this browser, and (signed in through the identity provider) the person's session there too,
     * so that the next person on a shared phone signs in as themself.
     */
    @POST
    @Path("/sign-out")
    public Response signOut() {
        session.user().ifPresent(provider::endProviderSession);
        return Response.noContent().cookie(cookies.sessionEnded()).build();
    }

    private String signInUrl() {
        return config.developmentSignIn().enabled() ? "/dev/sign-in" : "/sign-in";
    }
}
