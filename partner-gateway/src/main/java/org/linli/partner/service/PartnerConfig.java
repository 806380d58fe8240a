package org.linli.partner.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** partner-gateway's settings ({@code linli.partner.*}); every one has a production default. */
@ConfigMapping(prefix = "linli.partner")
public interface PartnerConfig {

    /** Whether an endpoint may be plain {@code http://} (true only in the dev and test profiles). */
    @WithName("allow-plain-http")
    @WithDefault("false")
    boolean allowPlainHttp();

    /**
     * Whether an endpoint may be a loopback, private, link-local or otherwise non-public address, or a cluster-internal
     * host name (true only in the dev, test and local profiles, whose partners' endpoints run on the same machine). Off,
     * {@link EndpointGuard} refuses such endpoints at subscription and fails an attempt whose host resolves to one.
     */
    @WithName("allow-private-endpoints")
    @WithDefault("false")
    boolean allowPrivateEndpoints();

    /**
     * More networks (CIDR) no endpoint may resolve into, besides the non-public ranges always refused: the cluster's
     * service and pod ranges when they are public addresses, the deployment's own egress addresses.
     */
    @WithName("denied-networks")
    java.util.Optional<java.util.List<String>> deniedNetworks();

    /**
     * The key signing secrets are encrypted with at rest: base64 of 32 random bytes, from a secret store
     * ({@code LINLI_PARTNER_SECRET_KEY}); a development key only in the dev, test and local profiles.
     */
    @WithName("secret-key")
    String secretKey();

    /** How long a rolled secret keeps signing deliveries next to its successor, so a partner can switch without downtime. */
    @WithName("secret-overlap")
    @WithDefault("PT24H")
    Duration secretOverlap();

    /** The longest time range one replay may cover. */
    @WithName("max-replay-range")
    @WithDefault("P31D")
    Duration maxReplayRange();

    /** Delivered and given-up deliveries are kept this long (the log and replays reach back as far), then deleted. */
    @WithDefault("P90D")
    Duration retention();

    Dispatch dispatch();

    Inbound inbound();

    Resident resident();

    Canteen canteen();

    Credentials credentials();

    /**
     * The gateway's own identity towards resident-service and canteen-service (role {@code partner-gateway}): a
     * confidential client of the identity provider (deploy/keycloak: client {@code partner-gateway}) using client
     * credentials, or in the local run a token it signs with the public development key.
     */
    interface Credentials {
        /** The identity provider's token endpoint (…/realms/linli/protocol/openid-connect/token); none: no token. */
        @WithName("token-url")
        java.util.Optional<String> tokenUrl();

        @WithName("client-id")
        @WithDefault("partner-gateway")
        String clientId();

        /** From the secret store (LINLI_PARTNER_CREDENTIALS_CLIENT_SECRET). */
        @WithName("client-secret")
        java.util.Optional<String> clientSecret();

        /**
         * Without a token endpoint, sign a token with the development key (smallrye.jwt.sign.key.location): the local
         * run only (its services trust the development key; a production deployment refuses it).
         */
        @WithName("development-token")
        @WithDefault("false")
        boolean developmentToken();

        /** The issuer of such a development token: the services' development issuer. */
        @WithName("development-issuer")
        @WithDefault("https://linli.dev/development-issuer")
        String developmentIssuer();
    }

    Retry retry();

    Http http();

    Notices notices();

    /**
     * Notices to a partner's technical contact when a subscription is paused ({@link PauseNotices}), by e-mail through
     * quarkus-mailer ({@code QUARKUS_MAILER_HOST}, {@code _PORT}, {@code _FROM}, {@code _USERNAME}, {@code _PASSWORD},
     * {@code _TLS} / {@code _START_TLS} from the environment).
     */
    interface Notices {
        /** Whether this instance sends pause notices (several may: each claims its own). */
        @WithDefault("true")
        boolean enabled();

        /** How often due notices are looked for (read by the scheduler as linli.partner.notices.poll). */
        @WithDefault("30s")
        Duration poll();

        /** Wait after a send the mail server refused or did not answer; doubled after each further one. */
        @WithName("initial-backoff")
        @WithDefault("1m")
        Duration initialBackoff();

        /** Longest wait between two tries; a notice is never given up. */
        @WithName("max-backoff")
        @WithDefault("1h")
        Duration maxBackoff();

        /** How long a claimed notice is held by its instance; after it (a crash) another instance sends it. */
        @WithDefault("2m")
        Duration lease();

        /** The partner API's public base URL, e.g. https://partners.linli.example, for the resume call in the notice. */
        @WithName("api-url")
        java.util.Optional<String> apiUrl();
    }

    interface Dispatch {
        /** Whether this instance sends deliveries (several instances may: each claims its own with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /** How often the dispatcher looks for due deliveries when the last round found none. */
        @WithName("poll-interval")
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per round (sent in parallel). */
        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();

        /** How long a claimed delivery is held by its instance; after it (a crash) another instance sends it. */
        @WithDefault("60s")
        Duration lease();

        /** Threads sending requests. */
        @WithDefault("8")
        int concurrency();
    }

    interface Retry {
        /** Wait after the first failure; doubled after each further one, with jitter. */
        @WithName("initial-backoff")
        @WithDefault("5s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithName("max-backoff")
        @WithDefault("1h")
        Duration maxBackoff();

        /** A delivery failing this long is given up and its subscription paused with the reason. */
        @WithName("give-up-after")
        @WithDefault("24h")
        Duration giveUpAfter();
    }

    interface Inbound {
        /** How far a message's webhook-timestamp may lie from now; older (or later) messages are refused as stale. */
        @WithDefault("5m")
        java.time.Duration tolerance();
    }

    /** resident-service, which raises care alerts for device alarms ({@code POST /device-alarms}). */
    interface Resident {
        /** Its base URL. */
        @WithDefault("http://localhost:8081")
        String url();

    }

    /**
     * canteen-service, which takes canteen operators' meal reports: check-offs ({@code POST
     * /communities/{c}/orders/{orderId}/serve}) and doors ({@code POST /communities/{c}/delivery-runs/{runId}/stops/{stopId}/outcome}).
     */
    interface Canteen {
        /** Its base URL. */
        @WithDefault("http://localhost:8083")
        String url();

    }

    interface Http {
        /** Connect and response timeout of one attempt. */
        @WithDefault("10s")
        Duration timeout();
    }
}
