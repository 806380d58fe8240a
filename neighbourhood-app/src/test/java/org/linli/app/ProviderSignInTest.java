package org.linli.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Signing in through an OpenID provider (the authorization code flow with PKCE, done by the app), against a stand-in
 * provider run by the test: the page gets a session and never a token, the services get the provider's access token,
 * and a sign-in that was not started here, whose code is presented without its verifier, or whose ID token was not
 * issued for it, ends in a problem and no session.
 */
@QuarkusTest
@TestProfile(ProviderSignInTest.WithAnIdentityProvider.class)
class ProviderSignInTest {

    static final int PROVIDER_PORT = 18590;
    static final int CANTEEN_PORT = 18583; // linli.app.services.canteen in the test profile
    static StandInOpenIdProvider provider;
    static StandInService canteenService;
    static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The test profile with the development sign-in off and sign-in through the stand-in provider on. */
    public static class WithAnIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.app.oidc.enabled", "true",
                    "linli.app.oidc.issuer", "http://127.0.0.1:" + PROVIDER_PORT + "/realms/linli",
                    "linli.app.oidc.client-secret", StandInOpenIdProvider.CLIENT_SECRET,
                    "linli.app.development-sign-in.enabled", "false",
                    "%test.linli.app.development-sign-in.enabled", "false");
        }
    }

    @BeforeAll
    static void standIns() throws Exception {
        provider = new StandInOpenIdProvider(PROVIDER_PORT);
        canteenService = new StandInService(CANTEEN_PORT);
    }

    @AfterAll
    static void stop() {
        provider.close();
        canteenService.close();
    }

    @BeforeEach
    void forget() {
        provider.reset();
        canteenService.received.clear();
    }

    /** {@code /sign-in}: the redirect to the provider and the cookie remembering the attempt. */
    record Started(URI authorize, String attemptCookie, String setCookie) {
    }

    static Started startSigningIn(String returnTo) {
        Response started = given().redirects().follow(false).queryParam("return", returnTo).get("/sign-in");
        assertEquals(303, started.statusCode(), started.asString());
        return new Started(URI.create(started.getHeader("Location")), started.getCookie("linli_sign_in"),
                started.getHeader("Set-Cookie"));
    }

    /** The browser at the provider: it signs the person in and answers with the redirect back to the app. */
    static URI atTheProvider(URI authorize) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode(), answer.body());
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    static Response backAtTheApp(URI callback, String attemptCookie) {
        var request = given().redirects().follow(false);
        if (attemptCookie != null) {
            request.cookie("linli_sign_in", attemptCookie);
        }
        return request.get(callback.getRawPath() + "?" + callback.getRawQuery());
    }

    static String signIn() throws Exception {
        Started started = startSigningIn("/");
        Response back = backAtTheApp(atTheProvider(started.authorize()), started.attemptCookie());
        assertEquals(303, back.statusCode(), back.asString());
        return back.getCookie("linli_session");
    }

    @Test
    void signingInThroughTheProviderWithPkceGivesASessionWithoutExposingTheToken() throws Exception {
        Started started = startSigningIn("/round");
        Map<String, String> asked = StandInOpenIdProvider.query(started.authorize());
        assertEquals(provider.issuer + "/protocol/openid-connect/auth", started.authorize().toString().split("\\?")[0]);
        assertEquals("code", asked.get("response_type"));
        assertEquals("neighbourhood-app", asked.get("client_id"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals(43, asked.get("code_challenge").length(), "a SHA-256 challenge, not the verifier itself");
        assertTrue(asked.get("scope").contains("openid"));
        assertTrue(asked.get("redirect_uri").endsWith("/sign-in/callback"), asked.get("redirect_uri"));
        assertTrue(asked.get("state").length() >= 32 && asked.get("nonce").length() >= 32);
        assertTrue(started.setCookie().contains("HttpOnly") && started.setCookie().contains("SameSite=Lax"),
                "the attempt must come back with the provider's cross-site redirect, unreadable by scripts: " + started.setCookie());

        Response back = backAtTheApp(atTheProvider(started.authorize()), started.attemptCookie());
        assertEquals(303, back.statusCode(), back.asString());
        assertTrue(back.getHeader("Location").endsWith("/round"), back.getHeader("Location"));
        String session = back.getCookie("linli_session");
        String sessionCookie = back.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("linli_session="))
                .findFirst().orElseThrow();
        assertTrue(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Strict"), sessionCookie);
        assertEquals("", back.getCookie("linli_sign_in"), "the finished attempt is forgotten");

        Map<String, String> exchange = provider.tokenRequests.get(0);
        assertEquals("authorization_code", exchange.get("grant_type"));
        assertEquals(asked.get("code_challenge"), StandInOpenIdProvider.s256(exchange.get("code_verifier")),
                "the code was exchanged with the verifier of the challenge sent");

        String seen = given().cookie("linli_session", session).get("/session").then().statusCode(200)
                .body("signedIn", equalTo(true)).body("subject", equalTo("0c8a3c1e-5f7a-4b9e-8d21-6a0f3e2b1c44"))
                .body("name", equalTo("赵秀兰")).body("roles", equalTo(List.of("resident")))
                .body("community", equalTo("changshan-garden")).body("development", equalTo(false))
                .extract().asString();
        assertFalse(seen.contains("eyJ"), "no token in what the page reads: " + seen);
        assertFalse(session.contains("eyJ"), "the cookie is sealed, not a readable token");

        given().cookie("linli_session", session).get("/api/canteen/communities/changshan-garden/menus/2026-12-07/published")
                .then().statusCode(200);
        assertEquals("Bearer " + provider.accessTokens.get(0),
                canteenService.received.get(0).headers().get("Authorization").get(0), "the services get the provider's token");
    }

    @Test
    void aCallbackWithAWrongStateIsRefused() throws Exception {
        Started started = startSigningIn("/");
        URI callback = atTheProvider(started.authorize());
        URI forged = URI.create(callback.toString().replaceAll("state=[^&]+", "state=another-sites-state"));

        Response back = backAtTheApp(forged, started.attemptCookie());
        assertEquals(400, back.statusCode());
        assertEquals("application/problem+json", back.getContentType());
        assertNull(back.getCookie("linli_session"), "no session");
        Response elsewhere = backAtTheApp(callback, null); // the right state, but in a browser that did not start it
        assertEquals(400, elsewhere.statusCode());
        assertNull(elsewhere.getCookie("linli_session"));
        assertTrue(provider.tokenRequests.isEmpty(), "the code is not even exchanged");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        provider.nonceInsteadOfTheRequested = "the-nonce-of-another-sign-in";
        Started started = startSigningIn("/");
        Response back = backAtTheApp(atTheProvider(started.authorize()), started.attemptCookie());
        assertEquals(401, back.statusCode());
        assertEquals("application/problem+json", back.getContentType());
        assertNull(back.getCookie("linli_session"));
    }

    @Test
    void tokensSignedByAKeyThatIsNotTheProvidersAreRefused() throws Exception {
        provider.signWithAStrangersKey = true;
        Started started = startSigningIn("/");
        Response back = backAtTheApp(atTheProvider(started.authorize()), started.attemptCookie());
        assertEquals(401, back.statusCode());
        assertNull(back.getCookie("linli_session"));
    }

    @Test
    void aTokenEndpointRefusingTheVerifierEndsInAProblemNotASession() throws Exception {
        Started started = startSigningIn("/");
        // a code obtained with someone else's challenge (an injected code): the app's verifier does not match it
        String challenge = StandInOpenIdProvider.query(started.authorize()).get("code_challenge");
        URI injected = URI.create(started.authorize().toString().replace(challenge, StandInOpenIdProvider.s256("an-attackers-verifier")));

        Response back = backAtTheApp(atTheProvider(injected), started.attemptCookie());
        assertEquals(401, back.statusCode());
        assertEquals("application/problem+json", back.getContentType());
        back.then().body("title", equalTo("Sign-in refused")).body("detail", containsString("sign in again"));
        assertNull(back.getCookie("linli_session"));
        assertEquals(1, provider.tokenRequests.size());
        assertTrue(provider.accessTokens.isEmpty(), "the provider issued nothing");
    }

    @Test
    void aCancelledSignInAtTheProviderIsAProblemInWords() {
        Started started = startSigningIn("/");
        Response back = given().redirects().follow(false).cookie("linli_sign_in", started.attemptCookie())
                .get("/sign-in/callback?error=access_denied&error_description=%3Cscript%3E");
        assertEquals(401, back.statusCode());
        back.then().body("detail", containsString("(access_denied)")).body("detail", org.hamcrest.Matchers.not(containsString("script")));
        assertNull(back.getCookie("linli_session"));
    }

    @Test
    void anAccessTokenAboutToExpireIsRenewedWithTheRefreshToken() throws Exception {
        provider.accessTokenSeconds = 20; // within the app's renewal margin from the start
        String session = signIn();
        String first = provider.accessTokens.get(0);

        Response call = given().cookie("linli_session", session).get("/api/canteen/communities/changshan-garden/orders");
        assertEquals(200, call.statusCode());
        assertEquals("refresh_token", provider.tokenRequests.get(1).get("grant_type"));
        String sent = canteenService.received.get(0).headers().get("Authorization").get(0);
        assertEquals("Bearer " + provider.accessTokens.get(1), sent, "the renewed token went to the service");
        assertNotEquals("Bearer " + first, sent);
        String renewed = call.getCookie("linli_session");
        assertTrue(renewed != null && !renewed.isEmpty(), "the renewed session is written back");
        given().cookie("linli_session", renewed).get("/session").then().body("subject", equalTo("0c8a3c1e-5f7a-4b9e-8d21-6a0f3e2b1c44"));
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderToo() throws Exception {
        String session = signIn();
        String csrf = given().cookie("linli_session", session).get("/session").path("csrfToken");
        Response out = given().cookie("linli_session", session).header("X-CSRF-Token", csrf).post("/session/sign-out");
        assertEquals(204, out.statusCode());
        assertEquals("", out.getCookie("linli_session"));
        assertEquals(1, provider.loggedOut.size(), "the provider's session ended with the refresh token it gave");
    }

    @Test
    void withAnIdentityProviderTheDevelopmentSignInIsGone() {
        given().get("/session").then().body("signedIn", equalTo(false)).body("signInUrl", equalTo("/sign-in"))
                .body("development", equalTo(false));
        given().get("/dev/sign-in").then().statusCode(404);
    }

    @Test
    void aReturnPathOnAnotherSiteIsNotFollowed() throws Exception {
        Started started = startSigningIn("//evil.example/steal");
        Response back = backAtTheApp(atTheProvider(started.authorize()), started.attemptCookie());
        assertEquals(303, back.statusCode());
        assertEquals("/", URI.create(back.getHeader("Location")).getPath());
        assertFalse(back.getHeader("Location").contains("evil"));
    }
}
