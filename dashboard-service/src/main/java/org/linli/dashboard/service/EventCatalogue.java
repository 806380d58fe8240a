package org.linli.dashboard.service;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event types of docs/asyncapi.yaml this release knows. A known type is projected (or passed over when it moves no
 * figure); a newer version of a known type ({@code meal.served.v2}) is kept aside until a release reads it; anything
 * else is not an event of this system and goes to the dead-letter topic.
 */
final class EventCatalogue {

    enum Verdict {
        PROJECT, HOLD, DEAD_LETTER
    }

    static final Set<String> KNOWN = Set.of(
            "resident.registered.v1", "resident.updated.v1", "resident.moved-out.v1",
            "volunteer.enrolled.v1", "volunteer.joined-team.v1", "volunteer.left-team.v1",
            "family-link.granted.v1", "family-link.revoked.v1",
            "org-unit.changed.v1",
            "care-alert.raised.v1", "care-alert.acknowledged.v1", "care-alert.escalated.v1", "care-alert.resolved.v1",
            "need.recorded.v1", "need.closed.v1",
            "service.logged.v1", "service.confirmed.v1", "service.rejected.v1",
            "points.awarded.v1", "points.redeemed.v1", "points.reversed.v1", "redemption.handed-over.v1",
            "class.credits-bought.v1", "class.booked.v1", "class.booking-cancelled.v1",
            "menu.published.v1", "meal.ordered.v1", "meal.cancelled.v1", "meal.served.v1", "meal.delivered.v1",
            "meal.delivery-missed.v1",
            "delivery-run.planned.v1", // who carries which lunches: moves no figure
            "settlement.closed.v1"); // a closed day's or month's totals: the figures come from the meal events

    private static final Pattern VERSIONED = Pattern.compile("^(.+)\\.v(\\d{1,6})$");

    private EventCatalogue() {
    }

    static Verdict verdict(String type) {
        if (KNOWN.contains(type)) {
            return Verdict.PROJECT;
        }
        Matcher versioned = VERSIONED.matcher(type);
        if (versioned.matches() && Integer.parseInt(versioned.group(2)) > 1
                && KNOWN.stream().anyMatch(known -> known.startsWith(versioned.group(1) + ".v"))) {
            return Verdict.HOLD;
        }
        return Verdict.DEAD_LETTER;
    }
}
