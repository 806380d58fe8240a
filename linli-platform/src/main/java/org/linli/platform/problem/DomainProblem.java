package org.linli.platform.problem;

import java.util.List;

/**
 * A rule of the domain refused the request. Service and domain code throw one of the four kinds and never an HTTP
 * exception: {@link InvalidRequestProblem} (400), {@link ForbiddenProblem} (403), {@link NotFoundProblem} (404) and
 * {@link ConflictProblem} (409). {@link Problems#of} turns it, like any other failure, into the RFC 9457 body that
 * {@link ProblemMappers} answers and that bulk operations report per item.
 */
public abstract sealed class DomainProblem extends RuntimeException
        permits InvalidRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem {

    protected DomainProblem(String message) {
        super(message);
    }

    /** The HTTP status this refusal is answered with. */
    public abstract int status();

    /** The last segment of the problem type URI, e.g. {@code not-found}. */
    public abstract String type();

    /** The problem's short, fixed title. */
    public abstract String title();

    /** The failing fields, for a 400; empty otherwise. */
    public List<Problem.Violation> violations() {
        return List.of();
    }

    /** A problem says what went wrong, not where in the code: no stack trace is kept. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
