package org.linli.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Signing in through a real Keycloak that imported deploy/keycloak/linli-realm.json (opt-in:
 * {@code ./mvnw verify -pl neighbourhood-app -Dlinli.keycloak=true -Dtest=KeycloakSignInTest}; Keycloak's distribution
 * comes from Maven Central and runs with the Java 21+ named by {@code linli.keycloak.java}). The realm's only change
 * here: access tokens live 20 s, so that every call renews them with the refresh token. The app runs on port 8085,
 * which the realm's client allows to be redirected to.
 */
@QuarkusTest
@TestProfile(KeycloakSignInTest.WithKeycloak.class)
@EnabledIfSystemProperty(named = "linli.keycloak", matches = "true")
class KeycloakSignInTest {

    static final String VERSION = "26.7.3";
    static final int KEYCLOAK_PORT = 18180;
    static final String ISSUER = "http://localhost:" + KEYCLOAK_PORT + "/realms/linli";
    static final String PASSWORD = "DEVELOPMENT-ONLY-linli";
    static final int CANTEEN_PORT = 18583;
    static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static Process keycloak;
    static StandInService canteenService;

    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("linli.app.oidc.enabled", "true", "linli.app.oidc.issuer", ISSUER,
                    "linli.app.oidc.client-secret", "DEVELOPMENT-ONLY-neighbourhood-app-secret",
                    "linli.app.development-sign-in.enabled", "false", "%test.linli.app.development-sign-in.enabled", "false",
                    "quarkus.http.test-port", "8085");
        }
    }

    @BeforeAll
    static void startKeycloak() throws Exception {
        canteenService = new StandInService(CANTEEN_PORT);
        Path home = unpacked();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(Path.of("../deploy/keycloak/linli-realm.json").toFile());
        realm.put("accessTokenLifespan", 20);
        json.writeValue(imports.resolve("linli-realm.json").toFile(), realm);
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + KEYCLOAK_PORT, "--http-management-port=" + (KEYCLOAK_PORT + 1))
                .redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
        start.environment().put("JAVA_HOME", System.getProperty("linli.keycloak.java", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        keycloak = start.start();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            try {
                if (browser.send(HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet
            }
            if (Instant.now().isAfter(giveUp) || !keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak did not start; see " + home.resolve("keycloak.log"));
            }
            Thread.sleep(1000);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        canteenService.close();
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            keycloak.waitFor();
        }
    }

    /** Keycloak's distribution, unpacked once into target/ from the zip Maven put in the local repository. */
    static Path unpacked() throws IOException {
        Path home = Path.of("target/keycloak-" + VERSION);
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home.toAbsolutePath();
        }
        Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path zip = repository.resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path to = Path.of("target").resolve(entry.getName()).normalize();
                if (!to.startsWith(Path.of("target"))) {
                    throw new IOException("unexpected entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        return home.toAbsolutePath();
    }

    /** A browser's cookies at Keycloak, by name. */
    static final class Jar {
        final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> answer = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : answer.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return answer;
        }
    }

    /** Signs in at Keycloak's login page as this user and answers the app's session cookie. */
    static String signInAs(String username, Jar keycloakCookies) throws Exception {
        Response started = given().redirects().follow(false).get("/sign-in");
        assertEquals(303, started.statusCode());
        HttpResponse<String> loginPage = keycloakCookies.send(HttpRequest.newBuilder(URI.create(started.getHeader("Location"))));
        assertEquals(200, loginPage.statusCode(), "Keycloak shows its sign-in page");
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(loginPage.body());
        assertTrue(action.find());
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = keycloakCookies.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        Response back = given().redirects().follow(false).cookie("linli_sign_in", started.getCookie("linli_sign_in"))
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertEquals(303, back.statusCode(), back.asString());
        return back.getCookie("linli_session");
    }

    static Map<?, ?> claims(String authorization) throws IOException {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return new ObjectMapper().readValue(Base64.getUrlDecoder().decode(payload), Map.class);
    }

    @Test
    void msZhaoSignsInAtKeycloakAndTheServicesGetATokenWithHerRolesAndCommunity() throws Exception {
        String session = signInAs("zhao", new Jar());
        given().cookie("linli_session", session).get("/session").then().body("signedIn", equalTo(true))
                .body("name", equalTo("赵秀兰")).body("roles", equalTo(List.of("resident")))
                .body("community", equalTo("changshan-garden"));
        canteenService.received.clear();
        Response call = given().cookie("linli_session", session).get("/api/canteen/communities/changshan-garden/orders");
        assertEquals(200, call.statusCode());
        assertFalse(call.getCookie("linli_session") == null, "the 20-second token was renewed with the refresh token");
        Map<?, ?> token = claims(canteenService.received.get(0).headers().get("Authorization").get(0));
        assertEquals(ISSUER, token.get("iss"));
        assertEquals(List.of("resident"), token.get("groups"));
        assertEquals("changshan-garden", token.get("community"));
        assertEquals("kuancheng", token.get("district"));
    }

    @Test
    void zhaoLiSignsInWithTheAccountIdHerFamilyLinkNames() throws Exception {
        String session = signInAs("zhao-li", new Jar());
        given().cookie("linli_session", session).get("/session").then()
                .body("subject", equalTo("5b1d7c2e-2f6a-4e8e-9d3c-0a1b2c3d4e5f")).body("roles", equalTo(List.of("family")))
                .body("community", nullValue());
    }

    @Test
    void signingOutEndsTheKeycloakSessionSoTheNextPersonSignsInAsThemself() throws Exception {
        Jar phone = new Jar();
        String session = signInAs("li", phone);
        String csrf = given().cookie("linli_session", session).get("/session").path("csrfToken");
        given().cookie("linli_session", session).header("X-CSRF-Token", csrf).post("/session/sign-out").then().statusCode(204);

        Response again = given().redirects().follow(false).get("/sign-in");
        HttpResponse<String> atKeycloak = phone.send(HttpRequest.newBuilder(URI.create(again.getHeader("Location"))));
        assertEquals(200, atKeycloak.statusCode(), "Keycloak asks for a password again rather than signing Mr Li back in");
        assertTrue(atKeycloak.body().contains("password"));
    }
}
