package org.linli.platform.problem;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;

/**
 * The one mapping from a failure to the problem a client is told: a {@link DomainProblem} says what the rule was,
 * a lost optimistic-lock race or an integrity rule the database enforced is a 409, and anything else is a 500 that
 * carries only a reference to the log line. {@link ProblemMappers} answers requests with it; bulk operations
 * report each item's failure with it, so an item of a bulk confirmation fails exactly as the single call would.
 */
public final class Problems {

    static final String TYPE_BASE = "https://linli.dev/problems/";

    private Problems() {
    }

    /** The problem for {@code failure}, on the request path {@code instance} (null outside a request). */
    public static Problem of(Throwable failure, String instance) {
        DomainProblem refusal = cause(failure, DomainProblem.class); // also when wrapped on its way up
        if (refusal != null) {
            return new Problem(TYPE_BASE + refusal.type(), refusal.title(), refusal.status(), refusal.getMessage(),
                    instance, refusal.violations());
        }
        if (causedBy(failure, "jakarta.persistence.OptimisticLockException", "org.hibernate.StaleStateException",
                "org.hibernate.StaleObjectStateException")) {
            return problem("conflict", "Conflict", 409,
                    "Someone else changed this at the same time; reload it and try again", instance);
        }
        SQLException sql = cause(failure, SQLException.class);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            // an integrity rule of the database caught what the service did not: a conflict, not a crash
            Log.infof("Request to %s conflicted with stored data (SQLState %s)", instance, sql.getSQLState());
            return problem("conflict", "Conflict", 409, "The request conflicts with data already stored", instance);
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(failure, "Unexpected error on %s (reference %s)", instance, reference);
        return problem("internal", "Internal error", 500,
                "Something went wrong on our side; quote reference " + reference, instance);
    }

    static Problem problem(String type, String title, int status, String detail, String instance) {
        return new Problem(TYPE_BASE + type, title, status, detail, instance, List.of());
    }

    static Problem invalid(String detail, String instance, List<Problem.Violation> violations) {
        return new Problem(TYPE_BASE + "invalid-request", "The request is not valid", 400, detail, instance,
                violations);
    }

    private static boolean causedBy(Throwable e, String... types) {
        List<String> names = Arrays.asList(types);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (names.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first throwable of {@code type} in the cause chain of {@code e} (itself included), or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
