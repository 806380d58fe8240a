package org.linli.resident.domain;

/** What a resident can agree their data is used for (PIPL: a purpose, a scope, a time). */
public enum ConsentPurpose {
    /** Being in the community registry beyond the legal minimum (phone, household details). */
    REGISTRY,
    /** The canteen may know dietary needs and that lunch must be delivered. */
    CANTEEN,
    /** Volunteering: teams, pairings, points. */
    VOLUNTEERING,
    /** Emergency contacts may be stored and told when something goes wrong. */
    CARE_ALERTS,
    /** Partner devices (gas alarms, smoke detectors) may report on the household. */
    SMART_DEVICES,
    /**
     * Named family members may act for the resident, each for what their family link says (order meals, see and
     * acknowledge care alerts) and until when; withdrawing it revokes every link.
     */
    FAMILY_ACCESS
}
