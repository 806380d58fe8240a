package org.linli.resident.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "linli.care")
public interface CareConfig {

    /** An alert nobody acknowledged within this time goes to the community's duty desk. */
    @WithName("escalate-after")
    @WithDefault("15m")
    Duration escalateAfter();

    /** How often the escalation job looks (read by its @Scheduled expression). */
    @WithName("escalation-check")
    @WithDefault("30s")
    String escalationCheck();
}
