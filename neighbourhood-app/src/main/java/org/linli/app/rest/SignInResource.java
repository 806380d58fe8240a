package org.linli.app.rest;

import java.net.URI;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.linli.app.session.OpenIdProvider;
import org.linli.app.session.ProviderSignIn;

/**
 * {@code /sign-in}: signing in through the identity provider (OpenID Connect, authorization code with PKCE). The
 * browser is sent to the provider and comes back to {@code /sign-in/callback}, where this app exchanges the code for
 * the tokens, keeps them in the sealed session cookie and sends the browser to the page. Both answer 404 unless
 * {@code linli.app.oidc.enabled}.
 */
@Path("/sign-in")
public class SignInResource {

    private final ProviderSignIn signIn;
    private final Cookies cookies;

    SignInResource(ProviderSignIn signIn, Cookies cookies) {
        this.signIn = signIn;
        this.cookies = cookies;
    }

    /** Sends the browser to the provider; {@code return} is the app's own path to come back to (default {@code /}). */
    @GET
    public Response start(@QueryParam("return") String returnTo, @Context UriInfo uri) {
        if (!signIn.enabled()) {
            return notHere(uri);
        }
        try {
            URI redirect = uri.getBaseUri().resolve(signIn.redirectPath());
            ProviderSignIn.Started started = signIn.start(redirect, ownPath(returnTo));
            return Response.seeOther(started.authorize()).cookie(cookies.attempt(started)).header("Cache-Control", "no-store").build();
        } catch (OpenIdProvider.Unavailable e) {
            return ProblemResponses.of(503, "Sign-in unavailable",
                    "The sign-in service is not answering right now. Please try again in a minute.", uri.getRequestUri().getPath());
        }
    }

    /** Where the provider sends the browser back: a session and the page, or a problem (and no session). */
    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @CookieParam(ProviderSignIn.ATTEMPT_COOKIE) String attempt,
            @Context UriInfo uri) {
        if (!signIn.enabled()) {
            return notHere(uri);
        }
        if (error != null) {
            // e.g. access_denied: the person cancelled at the provider (only the code is shown, never the provider's text)
            return forget(ProblemResponses.of(401, "Not signed in", "The identity provider did not sign you in ("
                    + error.replaceAll("[^A-Za-z_]", "") + "). Please sign in again.", uri.getRequestUri().getPath()));
        }
        try {
            ProviderSignIn.Finished finished = signIn.finish(attempt, code, state);
            return Response.seeOther(URI.create(finished.returnTo())).cookie(cookies.session(finished.user()), cookies.attemptEnded())
                    .header("Cache-Control", "no-store").build();
        } catch (ProviderSignIn.Failed e) {
            return forget(ProblemResponses.of(e.status(), e.title(), e.getMessage(), uri.getRequestUri().getPath()));
        }
    }

    private Response forget(Response problem) {
        return Response.fromResponse(problem).cookie(cookies.attemptEnded()).header("Cache-Control", "no-store").build();
    }

    private static Response notHere(UriInfo uri) {
        return ProblemResponses.of(404, "Not found", "Signing in through an identity provider is not set up here.", uri.getRequestUri().getPath());
    }

    /** The path to go back to: one of this app's own paths, never another site (an open redirect). */
    private static String ownPath(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")) {
            return "/";
        }
        try {
            URI path = URI.create(returnTo);
            return path.getScheme() == null && path.getRawAuthority() == null ? returnTo : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
