package org.linli.points.ledger;

import org.linli.platform.problem.ConflictProblem;

/** A posting would take an account below zero: nothing was posted. */
public class InsufficientBalanceException extends ConflictProblem {

    public InsufficientBalanceException(String message) {
        super(message);
    }
}
