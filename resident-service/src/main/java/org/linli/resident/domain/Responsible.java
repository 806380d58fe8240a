package org.linli.resident.domain;

/** Who must act on a need. */
public enum Responsible {
    COMMUNITY, PROPERTY_MANAGEMENT, CITY_DEPARTMENT
}
