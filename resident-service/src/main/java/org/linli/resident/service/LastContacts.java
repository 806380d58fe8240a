package org.linli.resident.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.resident.domain.LastContact;
import org.linli.resident.domain.Resident;

/**
 * When someone last saw a resident in person (a delivered lunch, a confirmed volunteer visit). The latest contact
 * wins whatever order the events arrive in across topics; a contact with a resident this registry does not know is
 * not recorded.
 */
@ApplicationScoped
@Transactional
public class LastContacts {

    /** Records that the resident was seen at {@code at} ({@link LastContact#MEAL_DELIVERY} and so on); false if unknown. */
    public boolean seen(UUID residentId, OffsetDateTime at, String kind) {
        if (Resident.findById(residentId) == null) {
            return false;
        }
        LastContact.record(residentId, at, kind);
        return true;
    }
}
