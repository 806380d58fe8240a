package org.linli.points.domain;

public enum PointsBasis {
    /** A fixed number of points per service. */
    PER_SERVICE,
    /** So many points per so many minutes of service (rounded down). */
    PER_MINUTES
}
