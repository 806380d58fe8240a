package org.linli.platform.problem;

/** The caller is known and in scope, but a rule forbids this action (say which): 403. */
public class ForbiddenProblem extends RuntimeException {

    public ForbiddenProblem(String message) {
        super(message);
    }
}
