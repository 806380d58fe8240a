package org.linli.resident.domain;

public enum VolunteerStatus {
    PENDING, APPROVED, REJECTED
}
