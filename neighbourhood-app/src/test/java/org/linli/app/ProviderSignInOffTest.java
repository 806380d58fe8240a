package org.linli.app;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Without an identity provider configured (the default, and the local run), there is no /sign-in. */
@QuarkusTest
class ProviderSignInOffTest {

    @Test
    void withoutAnIdentityProviderSignInAnswersNotFound() {
        given().redirects().follow(false).get("/sign-in").then().statusCode(404).contentType("application/problem+json");
        given().redirects().follow(false).get("/sign-in/callback?code=c&state=s").then().statusCode(404);
    }
}
