package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** When someone last saw the resident in person, and how. */
@Entity
@Table(name = "last_contact")
public class LastContact extends PanacheEntityBase {

    public static final String VOLUNTEER_VISIT = "VOLUNTEER_VISIT";
    public static final String MEAL_DELIVERY = "MEAL_DELIVERY";

    @Id
    @Column(name = "resident_id")
    public UUID residentId;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String kind;

    /** Records a contact unless a later one is already known (events may arrive out of order across topics). */
    public static void record(UUID residentId, OffsetDateTime at, String kind) {
        LastContact known = findById(residentId);
        if (known == null) {
            known = new LastContact();
            known.residentId = residentId;
            known.at = at;
            known.kind = kind;
            known.persist();
        } else if (at.isAfter(known.at)) {
            known.at = at;
            known.kind = kind;
        }
    }
}
