package org.linli.partner.service;

/**
 * A subscription's endpoint is not a public internet address (see {@link EndpointGuard}): answered 422 with the
 * reason, e.g. "127.0.0.1 is a loopback address".
 */
public final class EndpointRefused extends RuntimeException {

    public EndpointRefused(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
