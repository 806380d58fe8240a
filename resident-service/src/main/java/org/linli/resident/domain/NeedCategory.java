package org.linli.resident.domain;

/** What a need is about: a missing drying rack, a blocked drain, a charging point for an electric wheelchair. */
public enum NeedCategory {
    REPAIR, DRAINAGE, SANITATION, ACCESSIBILITY, SAFETY, ELDER_CARE, NEIGHBOUR_DISPUTE, GREENERY, PARKING, OTHER
}
