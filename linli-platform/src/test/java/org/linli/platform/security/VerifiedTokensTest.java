package org.linli.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * A token verified once is not verified again on the caller's next request, and remembering it weakens nothing: an
 * expired token is refused although it was accepted before, a token with a changed signature is refused although the
 * genuine one was accepted, and two callers' tokens never answer for each other.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenVerifiedOnceIsTheSameTokenOnTheNextRequest() throws Exception {
        String token = DevTokens.as("community-worker").community("changshan-garden").mint();
        assertSame(parser.parse(token), parser.parse(token));
        String other = DevTokens.as("community-worker").community("changshan-garden").mint();
        assertNotSame(parser.parse(token), parser.parse(other));
    }

    @Test
    void anExpiredTokenIsRefusedThoughItWasAcceptedWhileValid() throws Exception {
        String token = DevTokens.as("community-worker").community("changshan-garden").lifetime(Duration.ofSeconds(2)).mint();
        given().auth().oauth2(token).get("/caller").then().statusCode(200);
        given().auth().oauth2(token).get("/caller").then().statusCode(200);

        Thread.sleep(4_200); // exp is in whole seconds, and a second of skew is allowed: past both for sure

        given().auth().oauth2(token).get("/caller").then().statusCode(401);
    }

    @Test
    void aTokenWithAChangedSignatureIsRefusedThoughTheGenuineOneWasAccepted() {
        String token = DevTokens.as("community-worker").community("changshan-garden").mint();
        given().auth().oauth2(token).get("/caller").then().statusCode(200);

        int signature = token.lastIndexOf('.') + 1;
        char flipped = token.charAt(signature + 5) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, signature + 5) + flipped + token.substring(signature + 6);

        given().auth().oauth2(forged).get("/caller").then().statusCode(401);
        given().auth().oauth2(token).get("/caller").then().statusCode(200);
    }

    @Test
    void twoCallersTokensNeverAnswerForEachOther() {
        String worker = DevTokens.as("community-worker").subject("worker-li").community("changshan-garden").mint();
        String volunteer = DevTokens.as("volunteer").subject("volunteer-wang").community("xinhua-court").mint();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(worker).get("/caller").then().statusCode(200)
                    .body("subject", is("worker-li")).body("community", is("changshan-garden"))
                    .body("roles", contains("community-worker"));
            given().auth().oauth2(volunteer).get("/caller").then().statusCode(200)
                    .body("subject", is("volunteer-wang")).body("community", is("xinhua-court"))
                    .body("roles", contains("volunteer"));
        }
    }
}
