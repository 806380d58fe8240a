package org.linli.resident.privacy;

/** Phone numbers as residents give them; shown masked (138****5678) unless a permitted reader asks. */
public final class PhoneNumber {

    /** Mainland mobile (11 digits from 1), a landline with area code, optionally +86. */
    public static final String PATTERN = "^(\\+86[- ]?)?(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$";

    private PhoneNumber() {
    }

    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return "****";
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }
}
