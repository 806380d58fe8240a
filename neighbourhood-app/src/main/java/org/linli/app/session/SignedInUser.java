package org.linli.app.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The person signed in to this browser, as the sealed session cookie carries them: who they are, what the page may
 * show about them, and the bearer token the app sends to the services for them. The tokens never leave the server.
 *
 * @param subject        their account id (a resident's id for residents and volunteers; a family member's own account id)
 * @param name           the name to greet them with
 * @param roles          their roles, as in the token
 * @param community      the community they live or work in; null for a family member
 * @param token          the bearer token for the services
 * @param csrf           the value every state-changing request must repeat in {@code X-CSRF-Token}
 * @param expiresAt      when the session ends (the token's expiry at the latest, unless it can be renewed)
 * @param refreshToken   the identity provider's refresh token that renews {@code token}; null when it cannot be renewed
 *                       (the development sign-in, or a provider that gives none)
 * @param tokenExpiresAt when {@code token} expires, when it is renewed before the session ends; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignedInUser(String subject, String name, List<String> roles, String community, String token, String csrf,
        Instant expiresAt, String refreshToken, Instant tokenExpiresAt) {

    @JsonCreator
    public SignedInUser {
    }

    /** A session whose token lasts as long as the session (the development sign-in). */
    public SignedInUser(String subject, String name, List<String> roles, String community, String token, String csrf,
            Instant expiresAt) {
        this(subject, name, roles, community, token, csrf, expiresAt, null, null);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether the token should be renewed now: it expires within {@code margin} and there is a refresh token. */
    public boolean tokenDueForRenewal(Instant now, Duration margin) {
        return refreshToken != null && tokenExpiresAt != null && !now.plus(margin).isBefore(tokenExpiresAt);
    }
}
