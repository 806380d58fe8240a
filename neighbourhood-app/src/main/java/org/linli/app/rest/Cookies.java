package org.linli.app.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.linli.app.session.ProviderSignIn;
import org.linli.app.session.SessionCookie;
import org.linli.app.session.SignedInUser;

/**
 * The app's two cookies as the browser receives them: the session (HttpOnly, SameSite=Strict, the whole site, until the
 * session ends) and a sign-in attempt at the identity provider (HttpOnly, SameSite=Lax so that it comes back with the
 * provider's redirect, only under /sign-in, for the attempt's lifetime). Both Secure outside the local run.
 */
@ApplicationScoped
public class Cookies {

    private final SessionCookie sessions;

    Cookies(SessionCookie sessions) {
        this.sessions = sessions;
    }

    /** The cookie that carries this person's session. */
    public NewCookie session(SignedInUser user) {
        return cookie(sessions.name(), sessions.seal(user), "/", (int) sessions.lifetime(user).toSeconds(),
                NewCookie.SameSite.STRICT);
    }

    /** The cookie that ends the session in this browser. */
    public NewCookie sessionEnded() {
        return cookie(sessions.name(), "", "/", 0, NewCookie.SameSite.STRICT);
    }

    /** The cookie remembering a sign-in attempt at the provider. */
    public NewCookie attempt(ProviderSignIn.Started started) {
        return cookie(ProviderSignIn.ATTEMPT_COOKIE, started.attempt(), "/sign-in",
                (int) started.attemptLifetime().toSeconds(), NewCookie.SameSite.LAX);
    }

    /** The cookie that forgets a finished (or failed) sign-in attempt. */
    public NewCookie attemptEnded() {
        return cookie(ProviderSignIn.ATTEMPT_COOKIE, "", "/sign-in", 0, NewCookie.SameSite.LAX);
    }

    private NewCookie cookie(String name, String value, String path, int maxAge, NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path(path).maxAge(maxAge).httpOnly(true).secure(sessions.secure())
                .sameSite(sameSite).build();
    }
}
