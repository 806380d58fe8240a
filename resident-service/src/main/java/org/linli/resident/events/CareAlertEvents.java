package org.linli.resident.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.domain.CareAlert;

/** Care-alert events on {@value #TOPIC}, keyed by alert id, for dashboards. Ids, the cause and times; no names, no notes. */
public final class CareAlertEvents {

    public static final String TOPIC = "linli.resident.care-alerts";
    public static final String RAISED = "care-alert.raised.v1";
    public static final String ACKNOWLEDGED = "care-alert.acknowledged.v1";
    public static final String ESCALATED = "care-alert.escalated.v1";
    public static final String RESOLVED = "care-alert.resolved.v1";

    private CareAlertEvents() {
    }

    public record CareAlertChanged(UUID alertId, String communityId, String districtId, UUID residentId, UUID householdId,
            UUID gridId, AlertCause cause, OffsetDateTime raisedAt, OffsetDateTime escalatedAt, OffsetDateTime acknowledgedAt,
            OffsetDateTime resolvedAt, OffsetDateTime escalatesAt) {
    }

    /** The alert as it stands; {@code escalateAfter} says when an unacknowledged alert goes to the duty desk. */
    public static OutgoingEvent of(String type, CareAlert a, java.time.Duration escalateAfter) {
        return new OutgoingEvent(TOPIC, type, a.id.toString(), "care-alerts/" + a.id, a.communityId,
                new CareAlertChanged(a.id, a.communityId, a.districtId, a.residentId, a.householdId, a.gridId, a.cause,
                        a.raisedAt, a.escalatedAt, a.acknowledgedAt, a.resolvedAt, a.raisedAt.plus(escalateAfter)));
    }
}
