package org.linli.app.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.jboss.logging.Logger;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/** The person signed in on this request, from its session cookie (opened once per request). */
@RequestScoped
public class CurrentSession {

    /** A token is renewed this long before it expires, so that it does not expire on its way to a service. */
    static final Duration RENEWAL_MARGIN = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(CurrentSession.class);

    private final HttpServerRequest request;
    private final SessionCookie cookies;
    private final ProviderSignIn provider;
    private final Clock clock;
    private Optional<SignedInUser> user;
    private boolean renewed;

    CurrentSession(HttpServerRequest request, SessionCookie cookies, ProviderSignIn provider, Clock clock) {
        this.request = request;
        this.cookies = cookies;
        this.provider = provider;
        this.clock = clock;
    }

    public Optional<SignedInUser> user() {
        if (user == null) {
            Cookie cookie = request.getCookie(cookies.name());
            user = cookies.open(cookie == null ? null : cookie.getValue());
        }
        return user;
    }

    /**
     * The person with a token the services will still accept: a token from the identity provider that is about to
     * expire is renewed first with the refresh token ({@link #renewed()} then says the session cookie must be written
     * again). Empty when there is no session or the provider refused to renew it. While the provider does not answer,
     * the session is kept as it is.
     */
    public Optional<SignedInUser> withLiveToken() {
        SignedInUser current = user().orElse(null);
        if (current == null || !current.tokenDueForRenewal(clock.instant(), RENEWAL_MARGIN)) {
            return user();
        }
        try {
            user = provider.renew(current);
            renewed = true;
        } catch (OpenIdProvider.Unavailable e) {
            LOG.warnf("renewal: %s", e.getMessage());
        }
        return user;
    }

    /** Whether this request renewed the session (or found that it cannot be renewed): its cookie must be written again. */
    public boolean renewed() {
        return renewed;
    }
}
