package org.linli.canteen.service;

import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * When days and months close ({@code linli.canteen.settlement.*}). A day closes at {@code close-at} of the next day in
 * community time (the service's clock, {@code linli.time-zone}, Asia/Shanghai by default), once late check-offs and
 * doors recorded after lunch are in; a month closes with its last day.
 */
@ConfigMapping(prefix = "linli.canteen.settlement")
public interface SettlementConfig {

    /** The time of the next day (community time) after which a day is closed. Default 02:00. */
    @WithName("close-at")
    @WithDefault("02:00")
    LocalTime closeAt();

    /**
     * How often the closing job looks for days and months due, as the scheduler takes it ({@code 10m}; {@code off} in
     * tests, which close explicitly). Read by the job's {@code @Scheduled}.
     */
    @WithName("close-every")
    @WithDefault("10m")
    String closeEvery();

    /**
     * How many past days the job looks at: a day not closed within them (the service was down longer) stays unclosed
     * until an operator raises this. Default 3.
     */
    @WithName("catch-up-days")
    @WithDefault("3")
    int catchUpDays();
}
