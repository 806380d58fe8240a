package org.linli.resident.privacy;

import java.util.Locale;

/** The 18-character resident identity card number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character. */
public final class NationalIdNumber {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private NationalIdNumber() {
    }

    public static String normalise(String value) {
        return value.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        String id = normalise(value);
        if (!id.matches("[0-9]{17}[0-9X]")) {
            return false;
        }
        return checkCharacter(id.substring(0, 17)) == id.charAt(17);
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** 220103********123X: region prefix and last four only. */
    public static String mask(String value) {
        String id = normalise(value);
        return id.length() < 10 ? "****" : id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
