package org.linli.platform.problem;

/** The request is well formed but clashes with the current state (a duplicate, a rule, a race lost): 409. */
public non-sealed class ConflictProblem extends DomainProblem {

    public ConflictProblem(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "conflict";
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
