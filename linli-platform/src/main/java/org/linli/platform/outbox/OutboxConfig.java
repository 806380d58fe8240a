package org.linli.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "linli.outbox")
public interface OutboxConfig {

    /** The CloudEvents source of this service's events, e.g. {@code /linli/resident-service}. */
    String source();

    Relay relay();

    interface Relay {
        /** Whether this instance runs a relay (one instance per database publishes at a time anyway). */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for events when nothing woke it up. */
        @WithName("poll-interval")
        @WithDefault("500ms")
        Duration pollInterval();

        @WithName("batch-size")
        @WithDefault("200")
        int batchSize();

        /**
         * After publishing a part-filled batch, how long the relay lets further commits gather before the next one: under
         * load, one batch (one transaction, one update) carries many events instead of one; when idle it adds at
         * most this to an event's way to Kafka.
         */
        @WithDefault("5ms")
        Duration linger();

        /** Longest pause between attempts while the broker is unreachable. */
        @WithName("max-backoff")
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long a send may take before the batch is retried later. */
        @WithName("send-timeout")
        @WithDefault("10s")
        Duration sendTimeout();

        /** Published events are kept this long (for audit and replays), then deleted. */
        @WithDefault("P7D")
        Duration retention();
    }
}
