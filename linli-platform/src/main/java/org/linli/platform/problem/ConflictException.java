package org.linli.platform.problem;

/** The request is well formed but clashes with the current state (a duplicate, a rule, a race lost): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
