package org.linli.platform.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens already verified, so a caller's next requests with the same token are not verified again: checking
 * the RS256 signature and parsing the claims was a tenth of the CPU of a confirmation (JFR, issue 17). Only
 * {@link JWTParser#parse(String)}, what every request's authentication calls, is remembered; everything else goes
 * straight to the parser.
 * <p>
 * A token is served from here only while it has not expired (its {@code exp}, never later than the parser itself would
 * accept it), and only the exact string that was verified: a token with any byte changed is a different key and is
 * verified in full. A token that fails verification is never remembered. At most {@link #CAPACITY} tokens are kept; when
 * full, expired ones go first and, if none has expired, all of them (each is verified again once).
 */
@Decorator
@Priority(1)
abstract class VerifiedTokens implements JWTParser {

    /** ~3 KiB each (the token and its claims): a few MiB at most, a community's active workers many times over. */
    static final int CAPACITY = 2_048;

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();
    private final JWTParser parser;

    @Inject
    VerifiedTokens(@Delegate JWTParser parser) {
        this.parser = parser;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000; // the parser's own clock, not a community's
        JsonWebToken known = verified.get(token);
        if (known != null) {
            if (now < known.getExpirationTime()) {
                return known;
            }
            verified.remove(token);
        }
        JsonWebToken parsed = parser.parse(token);
        if (parsed.getExpirationTime() > now) {
            if (verified.size() >= CAPACITY) {
                verified.values().removeIf(t -> t.getExpirationTime() <= now);
                if (verified.size() >= CAPACITY) {
                    verified.clear();
                }
            }
            verified.put(token, parsed);
        }
        return parsed;
    }
}
