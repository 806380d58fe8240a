package org.linli.resident.domain;

/** Dietary codes the canteen cooks for; they travel on events (codes, not diagnoses). */
public enum DietaryNeed {
    LOW_SALT, LOW_SUGAR, SOFT_TEXTURE, VEGETARIAN, HALAL, NO_SPICY
}
