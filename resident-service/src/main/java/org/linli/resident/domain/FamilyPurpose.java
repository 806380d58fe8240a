package org.linli.resident.domain;

/** What a family link lets a family member do for their parent. */
public enum FamilyPurpose {
    /** Order, cancel and pause the parent's meals; read their orders and meal account (canteen-service). */
    MEALS,
    /** See the parent's care alerts and acknowledge one (resident-service). */
    CARE_ALERTS,
    /** Volunteer services and visits for the parent (points-service; not yet read there). */
    SERVICES
}
