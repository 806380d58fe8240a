package org.linli.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The backend-for-frontend's own promises: the page never sees a token, a session cookie cannot be forged or altered,
 * every change needs the session's CSRF token and this origin, calls carry the person's token and nothing of the
 * browser's, and a service that does not answer is a 503 the page can put in words.
 */
@QuarkusTest
class SessionAndProxyTest {

    static final int RESIDENT_PORT = 18581; // linli.app.services.* in the test profile point here
    static final int CANTEEN_PORT = 18583;
    static StandInService residentService;
    static StandInService canteenService;

    @BeforeAll
    static void standIns() throws Exception {
        residentService = new StandInService(RESIDENT_PORT);
        canteenService = new StandInService(CANTEEN_PORT);
    }

    @AfterAll
    static void stop() {
        residentService.close();
        canteenService.close();
    }

    @BeforeEach
    void forget() {
        residentService.received.clear();
        canteenService.received.clear();
    }

    static Response signInAs(String person) {
        return given().redirects().follow(false).formParam("person", person).post("/dev/sign-in");
    }

    @Test
    void signingInAsMsZhaoGivesAnHttpOnlyStrictCookieAndTheSessionNamesHerWithoutAToken() {
        Response signedIn = signInAs("zhao");
        assertEquals(303, signedIn.statusCode());
        String setCookie = signedIn.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = signedIn.getCookie("linli_session");

        String session = given().cookie("linli_session", cookie).get("/session").then().statusCode(200)
                .body("signedIn", equalTo(true)).body("name", equalTo("赵秀兰"))
                .body("subject", equalTo("0c8a3c1e-5f7a-4b9e-8d21-6a0f3e2b1c44")) // her resident id, looked up by name
                .body("community", equalTo("changshan-garden")).body("csrfToken", not(nullValue()))
                .extract().asString();
        assertFalse(session.contains("eyJ"), "no token (a JWT starts eyJ) in what the page reads: " + session);
        assertFalse(cookie.contains("eyJ"), "the cookie is sealed, not a readable token");
    }

    @Test
    void aCookieAlteredByOneCharacterIsNoSession() {
        String cookie = signInAs("zhao").getCookie("linli_session");
        byte[] raw = Base64.getUrlDecoder().decode(cookie);
        raw[raw.length - 5] ^= 1;
        given().cookie("linli_session", Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).get("/session")
                .then().statusCode(200).body("signedIn", equalTo(false)).body("signInUrl", equalTo("/dev/sign-in"));
    }

    @Test
    void callsCarryThePersonsTokenAndNotTheBrowsersCookies() {
        String cookie = signInAs("li").getCookie("linli_session");
        given().cookie("linli_session", cookie).header("Accept", "application/json")
                .get("/api/canteen/communities/changshan-garden/days/2026-12-01/delivery-runs?x=1")
                .then().statusCode(200).header("Cache-Control", "no-store").body("ok", equalTo(true));
        StandInService.Received call = canteenService.received.get(0);
        assertEquals("/communities/changshan-garden/days/2026-12-01/delivery-runs?x=1", call.pathAndQuery());
        String authorization = call.headers().get("Authorization").get(0);
        assertTrue(authorization.startsWith("Bearer eyJ"), authorization);
        assertFalse(call.headers().containsKey("Cookie"), "the session cookie stays with the app");
    }

    @Test
    void aCallToAServiceContinuesTheTraceTheBrowsersRequestBelongsTo() {
        String cookie = signInAs("li").getCookie("linli_session");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String browserSpan = "00f067aa0ba902b7";
        given().cookie("linli_session", cookie).header("traceparent", "00-" + traceId + "-" + browserSpan + "-01")
                .get("/api/canteen/communities/changshan-garden/orders").then().statusCode(200);
        String traceparent = canteenService.received.get(0).headers().get("Traceparent").get(0);
        String[] parts = traceparent.split("-");
        assertEquals(4, parts.length, traceparent);
        assertEquals(traceId, parts[1], "the service's work is in the same trace");
        assertNotEquals(browserSpan, parts[2], "its parent is the app's own span, not the browser's");
        assertEquals("01", parts[3], "sampled, as the caller decided");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndNeverReachesTheService() {
        String cookie = signInAs("zhao").getCookie("linli_session");
        given().cookie("linli_session", cookie).contentType("application/json").body("{}")
                .post("/api/canteen/communities/changshan-garden/orders")
                .then().statusCode(403).contentType("application/problem+json").body("title", containsString("CSRF"));
        assertTrue(canteenService.received.isEmpty());
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedEvenWithTheToken() {
        String cookie = signInAs("zhao").getCookie("linli_session");
        String csrf = given().cookie("linli_session", cookie).get("/session").path("csrfToken");
        given().cookie("linli_session", cookie).header("X-CSRF-Token", csrf).header("Origin", "https://evil.example")
                .contentType("application/json").body("{}").post("/api/canteen/communities/changshan-garden/orders")
                .then().statusCode(403);
        assertTrue(canteenService.received.isEmpty());
    }

    @Test
    void aChangeWithTheCsrfTokenIsPassedOnWithItsIdempotencyKeyAndTheServicesAnswerComesBack() {
        String cookie = signInAs("zhao").getCookie("linli_session");
        String csrf = given().cookie("linli_session", cookie).get("/session").path("csrfToken");
        given().cookie("linli_session", cookie).header("X-CSRF-Token", csrf).header("Idempotency-Key", "k-1")
                .contentType("application/json").body("{\"service\":\"DINE_IN\"}")
                .post("/api/canteen/communities/changshan-garden/orders")
                .then().statusCode(201).header("Location", "/api/canteen/communities/c/orders/1");
        StandInService.Received call = canteenService.received.get(0);
        assertEquals("{\"service\":\"DINE_IN\"}", call.body());
        assertEquals("k-1", call.headers().get("Idempotency-key").get(0));
        given().cookie("linli_session", cookie).header("X-CSRF-Token", csrf).contentType("application/json").body("{}")
                .post("/api/canteen/conflict").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The order cut-off has passed"));
    }

    @Test
    void aServiceThatDoesNotAnswerIsA503InWords() {
        String cookie = signInAs("zhao").getCookie("linli_session");
        given().cookie("linli_session", cookie).get("/api/points/communities/changshan-garden/rewards") // nothing on its port
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("not answering"));
    }

    @Test
    void withoutASessionTheApiAnswers401AndSigningOutEndsTheSession() {
        given().get("/api/canteen/communities/changshan-garden/orders").then().statusCode(401)
                .contentType("application/problem+json");
        String cookie = signInAs("zhao").getCookie("linli_session");
        String csrf = given().cookie("linli_session", cookie).get("/session").path("csrfToken");
        Response out = given().cookie("linli_session", cookie).header("X-CSRF-Token", csrf).post("/session/sign-out");
        assertEquals(204, out.statusCode());
        assertEquals("", out.getCookie("linli_session"));
    }

    @Test
    void aFamilyMemberSignsInWithTheirOwnAccountNotTheirParents() {
        String cookie = signInAs("zhao-li").getCookie("linli_session");
        given().cookie("linli_session", cookie).get("/session").then()
                .body("subject", equalTo("5b1d7c2e-2f6a-4e8e-9d3c-0a1b2c3d4e5f")).body("roles", equalTo(java.util.List.of("family")))
                .body("community", nullValue());
        assertTrue(residentService.received.isEmpty(), "a family member is not looked up as a resident");
    }
}
