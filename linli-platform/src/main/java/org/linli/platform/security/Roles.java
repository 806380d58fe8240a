package org.linli.platform.security;

/** The roles a Linli token can carry (the JWT {@code groups} claim). */
public final class Roles {

    /** Watches every community of a district; reads, never writes residents' data. */
    public static final String DISTRICT_OFFICER = "district-officer";
    /** Staff of one community (社区工作者). */
    public static final String COMMUNITY_WORKER = "community-worker";
    /** Looks after one grid of a community (网格长). */
    public static final String GRID_HEAD = "grid-head";
    /** A red-vest volunteer (红马甲). */
    public static final String VOLUNTEER = "volunteer";
    /** A resident; sees and acts on their own record (token subject = their resident id). */
    public static final String RESIDENT = "resident";
    /** A son or daughter signed in as themself (subject = their own id), acting for a parent only through a family link. */
    public static final String FAMILY = "family";
    /** Canteen staff and delivery workers. */
    public static final String CANTEEN_STAFF = "canteen-staff";
    /**
     * partner-gateway's own machine identity (client credentials): it passes on, in any community, what the partners it
     * has checked report (device alarms, a canteen operator's served and delivered lunches) and nothing else.
     */
    public static final String GATEWAY = "partner-gateway";
    /** A partner bank or canteen operator, integrating over the API. */
    public static final String PARTNER = "partner";
    /** Runs the system: rebuilds read models, replays dead letters; sees figures, never residents' data. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
