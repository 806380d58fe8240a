package org.linli.dashboard.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.linli.platform.problem.InvalidRequestProblem;

/** Query parameters read by hand, so that one a client got wrong is a 400 naming it (JAX-RS would answer 404). */
final class QueryParameters {

    private QueryParameters() {
    }

    /** A date like 2026-11-30, or null when absent. */
    static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestProblem(parameter, "is not a date like 2026-11-30");
        }
    }

    /** A whole number between {@code min} and {@code max}, or null when absent. */
    static Integer integer(String parameter, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestProblem(parameter, "must be a whole number from " + min + " to " + max);
    }
}
