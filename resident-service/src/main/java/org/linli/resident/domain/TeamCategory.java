package org.linli.resident.domain;

/** What a volunteer team does (Laodong Yifang's six teams and Changshan Garden's fourteen fall into these). */
public enum TeamCategory {
    SAFETY_PATROL, CIVILITY, POLICY_OUTREACH, COMPANIONSHIP, CLEANING, ERRANDS, ELDER_CARE, MEDICAL, LEGAL, OTHER
}
