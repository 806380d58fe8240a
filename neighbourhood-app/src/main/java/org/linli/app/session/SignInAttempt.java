package org.linli.app.session;

import java.time.Instant;

/**
 * A sign-in under way at the provider, remembered in a short-lived sealed cookie between {@code /sign-in} and the
 * provider's redirect back: what only this browser may present to finish it.
 *
 * @param state       the value the provider must send back (the redirect was not forged by another site)
 * @param nonce       the value the ID token must carry (the token was issued for this sign-in)
 * @param verifier    the PKCE code verifier, whose S256 challenge went to the provider (the code is useless without it)
 * @param redirectUri the redirect URI sent, which the token request must repeat
 * @param returnTo    the app's own path to go back to once signed in
 * @param expiresAt   when the attempt is no longer accepted
 */
public record SignInAttempt(String state, String nonce, String verifier, String redirectUri, String returnTo,
        Instant expiresAt) {
}
