package org.linli.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** The mapping rules that need no running service; the HTTP behaviour is tested in each service. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aBrokenUniqueRuleIsAConflictNotACrash() {
        PersistenceException duplicate = new PersistenceException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        Response response = mappers.unexpected(new RuntimeException(duplicate), null);
        assertEquals(409, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertFalse(problem.detail().contains("unique constraint"), "no database internals in the answer");
    }

    @Test
    void aGenuineFaultIsA500WithAReferenceAndNoInternals() {
        Response response = mappers.unexpected(new IllegalStateException("secret internal state"), null);
        assertEquals(500, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertTrue(problem.detail().contains("reference"));
        assertFalse(problem.detail().contains("secret"));
    }

    @Test
    void aConflictCarriesItsMessage() {
        Response response = mappers.refused(new ConflictProblem("This national ID is already registered"), null);
        assertEquals(409, response.getStatus());
        assertEquals("This national ID is already registered", ((Problem) response.getEntity()).detail());
    }
}
