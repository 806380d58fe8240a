package org.linli.platform.problem;

import java.util.List;

/**
 * The request breaks a rule that only the service can check (a date in the past, a Monday that is not one, two
 * fields that disagree): 400, answered like a failed bean validation, with the field named where there is one.
 */
public final class InvalidRequestProblem extends DomainProblem {

    private final String field;

    /** A rule about one field: {@code new InvalidRequestProblem("performedAt", "is in the future")}. */
    public InvalidRequestProblem(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** A rule about the request as a whole. */
    public InvalidRequestProblem(String message) {
        super(message);
        this.field = null;
    }

    /** The field the rule is about, or null. */
    public String field() {
        return field;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid-request";
    }

    @Override
    public String title() {
        return "The request is not valid";
    }

    @Override
    public List<Problem.Violation> violations() {
        return field == null ? List.of() : List.of(new Problem.Violation(field, getMessage().substring(field.length() + 2)));
    }
}
