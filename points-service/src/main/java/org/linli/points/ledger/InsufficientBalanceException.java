package org.linli.points.ledger;

import org.linli.platform.problem.ConflictException;

/** A posting would take an account below zero: nothing was posted. */
public class InsufficientBalanceException extends ConflictException {

    public InsufficientBalanceException(String message) {
        super(message);
    }
}
