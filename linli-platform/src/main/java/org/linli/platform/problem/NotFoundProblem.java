package org.linli.platform.problem;

/**
 * Nothing the caller may see exists here: 404. Also used when the thing exists in another community, so a
 * caller never learns what lies outside their scope.
 */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String message) {
        super(message);
    }
}
