package org.linli.resident.domain;

public enum ResidentStatus {
    ACTIVE,
    /** Moved out of the community: the record and its history stay. */
    MOVED_OUT,
    /** A duplicate registration merged into another record (merged_into). */
    MERGED
}
