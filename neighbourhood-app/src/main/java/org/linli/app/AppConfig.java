package org.linli.app;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The neighbourhood app's settings ({@code linli.app.*}). */
@ConfigMapping(prefix = "linli.app")
public interface AppConfig {

    /** Where the three services answer; the app calls nothing else. */
    Services services();

    /** The session cookie. */
    Session session();

    /**
     * The development sign-in page ({@code /dev/sign-in}) that lists the sample people and signs you in as one with a
     * token signed by the PUBLIC development key. Off unless the {@code local}, {@code dev} or {@code test} profile
     * turns it on; never on in production.
     */
    DevelopmentSignIn developmentSignIn();

    /**
     * Signing in through the identity provider with OpenID Connect: the authorization code flow with PKCE, done by
     * this app so that no token reaches the page ({@code /sign-in}). Off unless turned on; production turns it on and
     * names the provider.
     */
    Oidc oidc();

    interface Services {
        /** resident-service; default the local run's http://localhost:8081. */
        @WithDefault("http://localhost:8081")
        URI resident();

        /** points-service; default http://localhost:8082. */
        @WithDefault("http://localhost:8082")
        URI points();

        /** canteen-service; default http://localhost:8083. */
        @WithDefault("http://localhost:8083")
        URI canteen();

        /** How long a call to a service may take before the person is told it is unavailable; default 15 s. */
        @WithDefault("15s")
        Duration timeout();
    }

    interface Session {
        /**
         * The key (base64, 32 bytes) that seals the session cookie with AES-GCM. Required in production
         * ({@code LINLI_APP_SESSION_KEY}); the local profile sets a DEVELOPMENT key written in application.properties.
         */
        String key();

        /** The cookie's name; default {@code linli_session}. */
        @WithDefault("linli_session")
        String cookieName();

        /** Whether the cookie is sent over HTTPS only; default true (the local profile turns it off for http://localhost). */
        @WithDefault("true")
        boolean secure();

        /** The longest a session lasts, whatever the token says; default 12 hours. */
        @WithDefault("12h")
        Duration maxAge();
    }

    interface DevelopmentSignIn {
        /** Whether /dev/sign-in exists; default false. */
        @WithDefault("false")
        boolean enabled();

        /** The issuer written into development tokens: the one the services trust in their local profile. */
        @WithDefault("https://linli.dev/development-issuer")
        String issuer();

        /** The people listed on the page. */
        List<SamplePerson> people();
    }

    interface Oidc {
        /** Whether /sign-in exists; default false (it then answers 404). */
        @WithDefault("false")
        boolean enabled();

        /**
         * The provider's issuer, exactly as its tokens name it (Keycloak: {@code https://id.example.org/realms/linli});
         * its endpoints are read from {@code {issuer}/.well-known/openid-configuration}. Required when enabled.
         */
        Optional<String> issuer();

        /** This app's client id at the provider; default {@code neighbourhood-app}. */
        @WithDefault("neighbourhood-app")
        String clientId();

        /**
         * The client secret, sent in the token request's form ({@code client_secret_post}); none for a public client,
         * which PKCE alone protects. Default none.
         */
        Optional<String> clientSecret();

        /** The scopes asked for, space-separated; default {@code openid profile}. */
        @WithDefault("openid profile")
        String scopes();

        /**
         * Where the provider sends the browser back, on the origin the browser used to reach this app; default
         * {@code /sign-in/callback} (register {@code https://<the app's host>/sign-in/callback} at the provider).
         */
        @WithDefault("/sign-in/callback")
        String redirectPath();

        /** How long a person may take at the provider's sign-in page; default 10 minutes. */
        @WithDefault("10m")
        Duration signInTimeout();

        /**
         * Whether signing out also ends the person's session at the provider, so that the next person on a shared
         * phone is asked for their own password: the refresh token is posted to the provider's end_session_endpoint
         * (Keycloak's back-channel logout). Default true.
         */
        @WithDefault("true")
        boolean endProviderSession();
    }

    /** One of the sample people of Changshan Garden's story. */
    interface SamplePerson {
        /** A short key for the form (zhao, zhao-li, li, ...). */
        String key();

        /** The name shown, and (for residents) the name looked up in resident-service to find their id. */
        String name();

        /** Who they are, in words for the page (e.g. "elder, 76, lives alone"). */
        String description();

        /** Their roles (resident, volunteer, family, grid-head, community-worker). */
        List<String> roles();

        /** Their community; none for a family member (their parents' links say where). */
        Optional<String> community();

        /** A fixed account id (a family member's), instead of looking up a resident by name. */
        Optional<String> subject();
    }
}
