package org.linli.platform.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps an expected conflict out of the log: when a unique index refuses a row (SQLState 23505: a second lunch for the
 * same day, an event already received), the service answers 409 or treats it as a duplicate, so Hibernate's WARN and
 * ERROR lines about it would only wake an operator for nothing — and their "Detail: Key (…)=(…)" would put ids in the
 * log. Every other SQL error is still logged. Enabled by {@code quarkus.log.console.filter=expected-conflicts}.
 */
@LoggingFilter(name = "expected-conflicts")
public final class ExpectedConflicts implements Filter {

    static final String SQL_EXCEPTION_HELPER = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!SQL_EXCEPTION_HELPER.equals(record.getLoggerName())) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null || !(message.contains("23505") || message.contains("duplicate key value violates unique constraint"));
    }
}
