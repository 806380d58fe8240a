package org.linli.resident.domain;

import java.util.Set;

/** A need's way: recorded, routed to who is responsible, in progress, done, and closed once the resident is told. */
public enum NeedStatus {
    OPEN, ROUTED, IN_PROGRESS, DONE, CLOSED;

    /** The states a need may be in before moving to this one. */
    public Set<NeedStatus> allowedFrom() {
        return switch (this) {
            case OPEN -> Set.of();
            case ROUTED -> Set.of(OPEN, ROUTED);
            case IN_PROGRESS -> Set.of(ROUTED);
            case DONE -> Set.of(ROUTED, IN_PROGRESS);
            case CLOSED -> Set.of(DONE);
        };
    }
}
