package org.linli.dashboard.domain;

/**
 * Every figure the dashboard keeps per community and day. A {@link Kind#FLOW} counts what happened on the day (lunches
 * served); a {@link Kind#STOCK} is kept as the day's change and summed up to a day (residents aged 80+ on that day).
 * Dimensions break a figure down ({@code type:ERRAND}, {@code team:<id>}, {@code sponsor:<id>}, {@code band:AGED_75_84},
 * {@code cause:DELIVERY_MISSED}, {@code mode:DELIVERY}, {@code category:REPAIR}); the empty dimension is the total.
 */
public enum Metric {
    RESIDENTS("residents", Kind.STOCK),
    RESIDENTS_60_PLUS("residents.aged60", Kind.STOCK),
    RESIDENTS_80_PLUS("residents.aged80", Kind.STOCK),
    RESIDENTS_LIVING_ALONE("residents.lives-alone", Kind.STOCK),
    RESIDENTS_HOUSEBOUND("residents.housebound", Kind.STOCK),
    VOLUNTEERS_ENROLLED("volunteers.enrolled", Kind.STOCK),

    SERVICES_LOGGED("services.logged", Kind.FLOW),
    SERVICES_CONFIRMED("services.confirmed", Kind.FLOW),
    SERVICES_REJECTED("services.rejected", Kind.FLOW),
    SERVICE_MINUTES("services.minutes", Kind.FLOW),
    POINTS_ISSUED("points.issued", Kind.FLOW),
    POINTS_REDEEMED("points.redeemed", Kind.FLOW),
    REDEMPTIONS("redemptions", Kind.FLOW),
    REDEMPTIONS_HANDED_OVER("redemptions.handed-over", Kind.FLOW),
    CLASS_SEATS_BOOKED("class.seats-booked", Kind.FLOW),
    CLASS_BOOKINGS_CANCELLED("class.bookings-cancelled", Kind.FLOW),
    CLASS_CREDITS_BOUGHT("class.credits-bought", Kind.FLOW),

    MEALS_ORDERED("meals.ordered", Kind.FLOW),
    MEALS_CANCELLED("meals.cancelled", Kind.FLOW),
    MEALS_SERVED("meals.served", Kind.FLOW),
    MEALS_DELIVERED("meals.delivered", Kind.FLOW),
    MEALS_MISSED("meals.missed", Kind.FLOW),
    WELFARE_CONCERNS("welfare.concerns", Kind.FLOW),
    FEN_TOTAL("fen.total", Kind.FLOW),
    FEN_ELDER("fen.elder", Kind.FLOW),
    FEN_SUBSIDY("fen.subsidy", Kind.FLOW),
    FEN_SPONSOR("fen.sponsor", Kind.FLOW),

    ALERTS_RAISED("alerts.raised", Kind.FLOW),
    ALERTS_ACKNOWLEDGED("alerts.acknowledged", Kind.FLOW),
    ALERTS_ESCALATED("alerts.escalated", Kind.FLOW),
    ALERTS_RESOLVED("alerts.resolved", Kind.FLOW),
    NEEDS_RECORDED("needs.recorded", Kind.FLOW),
    NEEDS_CLOSED("needs.closed", Kind.FLOW);

    public enum Kind {
        FLOW, STOCK
    }

    public final String key;
    public final Kind kind;

    Metric(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public static Metric ofKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("no metric " + key);
    }
}
