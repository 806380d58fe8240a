package org.linli.partner.service;

/**
 * canteen-service could not take a meal report's item (unreachable, a server error, or it refused the gateway's own
 * token): the report is answered 503 and its webhook-id left free, so the operator sends it again unchanged; items
 * taken before are found done then ("already").
 */
public final class CanteenUnavailable extends RuntimeException {

    public CanteenUnavailable(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
