package org.linli.resident.domain;

import java.time.LocalDate;
import java.time.Period;

/**
 * Age bands as meal-assistance rules use them (e.g. Jurong 2023: 60-74, 75-84, 85-94, 95+). Events carry
 * the band, never the birth date.
 */
public enum AgeBand {
    UNDER_60, AGED_60_74, AGED_75_84, AGED_85_94, AGED_95_PLUS;

    public static AgeBand of(LocalDate birthDate, LocalDate today) {
        int age = Period.between(birthDate, today).getYears();
        if (age >= 95) {
            return AGED_95_PLUS;
        }
        if (age >= 85) {
            return AGED_85_94;
        }
        if (age >= 75) {
            return AGED_75_84;
        }
        return age >= 60 ? AGED_60_74 : UNDER_60;
    }

    public boolean aged60Plus() {
        return this != UNDER_60;
    }
}
