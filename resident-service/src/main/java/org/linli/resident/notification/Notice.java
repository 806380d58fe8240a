package org.linli.resident.notification;

import java.util.UUID;

import org.linli.resident.domain.AlertCause;

/**
 * A message about a care alert for one recipient. {@code address} (a phone number) is for the channel's eyes only:
 * it is never logged or stored with the notification record.
 *
 * @param alertId the alert
 * @param recipientKind EMERGENCY_CONTACT, GRID_HEAD or DUTY_DESK
 * @param recipientRef a reference to the recipient (contact id, resident id, community)
 * @param address where to reach them (a phone number), or null when the channel looks it up itself
 * @param cause why the alert was raised
 * @param text the message, in the recipient's language
 */
public record Notice(UUID alertId, String recipientKind, String recipientRef, String address, AlertCause cause, String text) {

    @Override
    public String toString() {
        return "Notice[alert=" + alertId + ", to=" + recipientKind + ":" + recipientRef + ", cause=" + cause + "]";
    }
}
