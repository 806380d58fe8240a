package org.linli.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

/** {@link Problems#of}: the one mapping from any failure to what a client (or a bulk operation's item) is told. */
class ProblemsTest {

    private static final String TYPES = "https://linli.dev/problems/";

    @Test
    void eachKindOfDomainProblemAnswersItsStatusTypeAndTitle() {
        assertProblem(Problems.of(new InvalidRequestProblem("Not a Monday"), "/x"), 400, "invalid-request",
                "The request is not valid", "Not a Monday");
        assertProblem(Problems.of(new ForbiddenProblem("Only staff"), "/x"), 403, "forbidden", "Forbidden", "Only staff");
        assertProblem(Problems.of(new NotFoundProblem("No such menu"), "/x"), 404, "not-found", "Not found",
                "No such menu");
        assertProblem(Problems.of(new ConflictProblem("Already confirmed"), "/x"), 409, "conflict", "Conflict",
                "Already confirmed");
    }

    @Test
    void anInvalidFieldIsNamedInTheViolations() {
        Problem problem = Problems.of(new InvalidRequestProblem("minutes", "must be positive"), "/services");
        assertEquals("minutes: must be positive", problem.detail());
        assertEquals(List.of(new Problem.Violation("minutes", "must be positive")), problem.violations());
        assertEquals("/services", problem.instance());
        assertTrue(Problems.of(new InvalidRequestProblem("The request as a whole"), null).violations().isEmpty());
    }

    @Test
    void noInstanceOutsideARequest() {
        assertNull(Problems.of(new ConflictProblem("x"), null).instance());
    }

    @Test
    void aDomainProblemWrappedOnItsWayUpKeepsItsAnswer() {
        assertProblem(Problems.of(new CompletionException(new NotFoundProblem("No such order")), null), 404,
                "not-found", "Not found", "No such order");
    }

    @Test
    void aLostOptimisticLockRaceIsAConflict() {
        Problem problem = Problems.of(new RuntimeException(new OptimisticLockException("row was updated")), null);
        assertEquals(409, problem.status());
        assertEquals(TYPES + "conflict", problem.type());
        assertFalse(problem.detail().contains("row was updated"));
    }

    @Test
    void everyIntegrityRuleOfTheDatabaseIsAConflictWithoutInternals() {
        for (String state : List.of("23505", "23503", "23514")) {
            PersistenceException broken = new PersistenceException("could not execute statement",
                    new SQLException("violates constraint resident_national_id_key", state));
            Problem problem = Problems.of(broken, "/residents");
            assertEquals(409, problem.status(), state);
            assertEquals("The request conflicts with data already stored", problem.detail());
        }
    }

    @Test
    void aDatabaseFailureThatIsNoIntegrityRuleIsAFault() {
        Problem problem = Problems.of(new PersistenceException(new SQLException("connection refused", "08006")), null);
        assertEquals(500, problem.status());
    }

    @Test
    void anythingElseIsA500WithOnlyAFreshReference() {
        Problem first = Problems.of(new IllegalStateException("secret internal state"), "/x");
        Problem second = Problems.of(new NullPointerException(), "/x");
        for (Problem problem : List.of(first, second)) {
            assertEquals(500, problem.status());
            assertEquals(TYPES + "internal", problem.type());
            assertTrue(problem.detail().matches("Something went wrong on our side; quote reference [0-9a-f-]{36}"),
                    problem.detail());
            assertTrue(problem.violations().isEmpty());
        }
        assertNotEquals(first.detail(), second.detail(), "each fault has its own reference");
    }

    private static void assertProblem(Problem problem, int status, String type, String title, String detail) {
        assertEquals(status, problem.status());
        assertEquals(TYPES + type, problem.type());
        assertEquals(title, problem.title());
        assertEquals(detail, problem.detail());
        assertTrue(problem.violations().isEmpty());
    }
}
