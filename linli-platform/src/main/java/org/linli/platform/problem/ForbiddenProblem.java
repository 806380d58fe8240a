package org.linli.platform.problem;

/** The caller is known and in scope, but a rule forbids this action (say which): 403. */
public final class ForbiddenProblem extends DomainProblem {

    public ForbiddenProblem(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "forbidden";
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
