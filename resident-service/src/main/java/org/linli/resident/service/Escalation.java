package org.linli.resident.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Looks for care alerts nobody acknowledged in time. Every instance runs it; row locks (skip locked) escalate each alert once. */
@ApplicationScoped
public class Escalation {

    private final CareAlerts alerts;
    private final CareAlertMetrics metrics;

    Escalation(CareAlerts alerts, CareAlertMetrics metrics) {
        this.alerts = alerts;
        this.metrics = metrics;
    }

    @Scheduled(every = "${linli.care.escalation-check:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void escalate() {
        int escalated = alerts.escalateOverdue();
        if (escalated > 0) {
            Log.infof("Escalated %d unacknowledged care alerts to the duty desk", escalated);
        }
        metrics.escalationRan(); // linli_care_escalation_last_success_seconds (alert CareEscalationJobNotRunning)
    }
}
