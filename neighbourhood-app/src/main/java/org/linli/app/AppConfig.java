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
