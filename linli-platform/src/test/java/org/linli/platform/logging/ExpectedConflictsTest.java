package org.linli.platform.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** A refused duplicate is not an operator's alarm; any other database error still is. */
class ExpectedConflictsTest {

    private final ExpectedConflicts filter = new ExpectedConflicts();

    @Test
    void aSecondLunchRefusedByTheUniqueIndexLeavesNoWarningOrErrorLine() {
        assertFalse(filter.isLoggable(hibernate(Level.WARNING, "SQL Error: 0, SQLState: 23505")));
        assertFalse(filter.isLoggable(hibernate(Level.SEVERE, "ERROR: duplicate key value violates unique constraint "
                + "\"meal_order_one_per_day\"\n  Detail: Key (diner_id, meal_date)=(…) already exists.")));
    }

    @Test
    void otherDatabaseErrorsAndOtherLoggersAreStillLogged() {
        assertTrue(filter.isLoggable(hibernate(Level.WARNING, "SQL Error: 0, SQLState: 40P01")));
        assertTrue(filter.isLoggable(hibernate(Level.SEVERE, "ERROR: deadlock detected")));
        ExtLogRecord elsewhere = new ExtLogRecord(Level.SEVERE, "duplicate key value violates unique constraint", "x");
        elsewhere.setLoggerName("org.linli.canteen.service.Orders");
        assertTrue(filter.isLoggable(elsewhere));
    }

    private static ExtLogRecord hibernate(Level level, String message) {
        ExtLogRecord record = new ExtLogRecord(level, message, ExpectedConflicts.class.getName());
        record.setLoggerName(ExpectedConflicts.SQL_EXCEPTION_HELPER);
        return record;
    }
}
