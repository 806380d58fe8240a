package org.linli.dashboard.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's settings; every one has a default that fits a district. */
@ConfigMapping(prefix = "linli.dashboard")
public interface DashboardConfig {

    /** The communities' time zone: a figure's day is a calendar day there. */
    @WithDefault("Asia/Shanghai")
    String timeZone();

    /**
     * How long a care alert may wait for someone to take it on before it escalates, when its event does not say
     * (resident-service's own default). The care panel turns red for an alert unacknowledged past it.
     */
    @WithDefault("15m")
    Duration escalationAfter();

    /** An elder with no delivery and no confirmed visit for this many days is "quiet" unless a request says otherwise. */
    @WithDefault("3")
    int quietAfterDays();

    /** How often the live page is told at most that figures changed (changes in between are gathered). */
    @WithDefault("500ms")
    Duration changeInterval();

    /** The schema the read model lives in (the connection's search path names it). */
    @WithDefault("dashboard")
    String schema();
}
