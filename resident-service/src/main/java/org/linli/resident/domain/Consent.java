package org.linli.resident.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a resident agreed to, who recorded it, when and until when; withdrawal is recorded, not deleted. */
@Entity
public class Consent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resident_id", nullable = false)
    public UUID residentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentPurpose purpose;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    public boolean inForceOn(LocalDate day) {
        return withdrawnAt == null && (validUntil == null || !day.isAfter(validUntil));
    }

    public static boolean given(UUID residentId, ConsentPurpose purpose, LocalDate day) {
        return Consent.<Consent>list("residentId = ?1 and purpose = ?2 and withdrawnAt is null", residentId, purpose)
                .stream().anyMatch(c -> c.inForceOn(day));
    }
}
