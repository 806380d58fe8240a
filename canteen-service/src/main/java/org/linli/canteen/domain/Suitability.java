package org.linli.canteen.domain;

/** Whom a dish suits as it is cooked; a diner whose needs a dish does not suit gets a variant portion. */
public enum Suitability {
    SOFT_TEXTURE, LOW_SALT, DIABETIC;

    /** The diner's dietary code this suitability answers (LOW_SUGAR diners eat DIABETIC dishes). */
    public String dietaryCode() {
        return this == DIABETIC ? "LOW_SUGAR" : name();
    }
}
