package org.linli.resident.notification;

/**
 * What a channel answered. {@code detail} is the provider's code or a short reason, never personal data.
 *
 * @param accepted the provider took the message
 * @param retryable refused for now (throttled, unavailable, a network error): worth another attempt on this channel
 * @param detail e.g. OK, isv.BUSINESS_LIMIT_CONTROL, 43101, http-503, timeout
 */
public record Outcome(boolean accepted, boolean retryable, String detail) {

    public static Outcome accepted(String detail) {
        return new Outcome(true, false, detail);
    }

    public static Outcome retry(String detail) {
        return new Outcome(false, true, detail);
    }

    public static Outcome refused(String detail) {
        return new Outcome(false, false, detail);
    }

    static String shorten(String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() > 100 ? detail.substring(0, 100) : detail;
    }
}
