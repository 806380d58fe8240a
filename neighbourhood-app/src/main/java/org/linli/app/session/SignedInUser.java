package org.linli.app.session;

import java.time.Instant;
import java.util.List;

/**
 * The person signed in to this browser, as the sealed session cookie carries them: who they are, what the page may
 * show about them, and the bearer token the app sends to the services for them. The token never leaves the server.
 *
 * @param subject   their account id (a resident's id for residents and volunteers; a family member's own account id)
 * @param name      the name to greet them with
 * @param roles     their roles, as in the token
 * @param community the community they live or work in; null for a family member
 * @param token     the bearer token for the services
 * @param csrf      the value every state-changing request must repeat in {@code X-CSRF-Token}
 * @param expiresAt when the session ends (the token's expiry at the latest)
 */
public record SignedInUser(String subject, String name, List<String> roles, String community, String token, String csrf,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
