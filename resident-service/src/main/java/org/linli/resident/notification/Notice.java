package org.linli.resident.notification;

import java.util.UUID;

/**
 * A notice to queue: which alert, for whom, at which stage. What it says and where it goes are worked out when it is
 * sent (from the alert, the recipient's contact data and {@link NoticeTexts}), so nothing personal travels with it.
 *
 * @param alertId the alert
 * @param recipientKind EMERGENCY_CONTACT, GRID_HEAD or DUTY_DESK
 * @param recipientRef the contact id, the grid head's resident id, or the community
 * @param stage why now: the alert was raised, escalated, or someone could not be reached
 */
public record Notice(UUID alertId, String recipientKind, String recipientRef, NoticeStage stage) {

    public static Notice raised(UUID alertId, String recipientKind, String recipientRef) {
        return new Notice(alertId, recipientKind, recipientRef, NoticeStage.RAISED);
    }

    public static Notice escalated(UUID alertId, String communityId) {
        return new Notice(alertId, org.linli.resident.domain.AlertNotification.DUTY_DESK, communityId, NoticeStage.ESCALATED);
    }
}
