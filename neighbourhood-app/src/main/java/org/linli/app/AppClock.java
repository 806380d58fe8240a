package org.linli.app;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one clock the app reads (sessions' expiry). */
public class AppClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
