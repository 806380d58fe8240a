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

    Retry retry();

    Http http();

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

        /**
         * The identity provider's token endpoint for the gateway's client credentials; without it, calls carry no token
         * (only for a resident-service that trusts the network, i.e. never in production).
         */
        @WithName("token-url")
        java.util.Optional<String> tokenUrl();

        @WithName("client-id")
        @WithDefault("partner-gateway")
        String clientId();

        @WithName("client-secret")
        java.util.Optional<String> clientSecret();
    }

    interface Http {
        /** Connect and response timeout of one attempt. */
        @WithDefault("10s")
        Duration timeout();
    }
}
