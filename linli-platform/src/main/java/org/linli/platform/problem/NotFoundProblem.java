package org.linli.platform.problem;

/**
 * Nothing the caller may see exists here: 404. Also used when the thing exists in another community, so a
 * caller never learns what lies outside their scope.
 */
public final class NotFoundProblem extends DomainProblem {

    public NotFoundProblem(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return "not-found";
    }

    @Override
    public String title() {
        return "Not found";
    }
}
