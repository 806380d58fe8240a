package org.linli.partner.service;

/**
 * An inbound message whose signature does not verify, whose timestamp is outside the tolerance, or whose sender is
 * unknown: answered 401 without saying which (a forger learns nothing).
 */
public final class SignatureRefused extends RuntimeException {

    public SignatureRefused(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
