package org.linli.app.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.app.AppConfig;
import org.linli.app.upstream.LinliService;
import org.linli.app.upstream.ServiceCalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs a sample person in without an identity provider, for the local run and the tests only: their token is signed
 * with the PUBLIC development key, which the services trust only in their local profile. A resident is found in
 * resident-service by name (with a development community worker's token) so that their account is their resident id,
 * as an identity provider would map it; a family member has a fixed account id of their own.
 */
@ApplicationScoped
public class DevelopmentSignIn {

    private static final Duration LIFETIME = Duration.ofHours(12);

    private final AppConfig config;
    private final ServiceCalls services;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DevelopmentSignIn(AppConfig config, ServiceCalls services, ObjectMapper json, Clock clock) {
        this.config = config;
        this.services = services;
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.developmentSignIn().enabled();
    }

    public Optional<AppConfig.SamplePerson> person(String key) {
        return config.developmentSignIn().people().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The session of this sample person; a problem sentence when they cannot be signed in (not seeded yet). */
    public SignedInUser signIn(AppConfig.SamplePerson person) throws NotYet {
        String subject = person.subject().orElse(null);
        if (subject == null) {
            String community = person.community().orElseThrow(() -> new NotYet(person.name() + " has no community"));
            subject = residentId(community, person.name())
                    .orElseThrow(() -> new NotYet(person.name() + " is not registered in resident-service yet"));
        }
        Duration lifetime = LIFETIME.compareTo(config.session().maxAge()) < 0 ? LIFETIME : config.session().maxAge();
        Instant expires = clock.instant().plus(lifetime);
        String token = mint(subject, person.roles(), person.community().orElse(null), expires);
        return new SignedInUser(subject, person.name(), person.roles(), person.community().orElse(null), token, csrf(), expires);
    }

    private Optional<String> residentId(String community, String name) throws NotYet {
        String worker = mint("worker-" + community, java.util.List.of("community-worker"), community,
                clock.instant().plusSeconds(60));
        try {
            var answer = services.call(LinliService.RESIDENT, "GET", "/communities/" + community + "/residents?size=1&name="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8), worker, Map.of("Accept", "application/json"), null);
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode items = json.readTree(answer.body()).path("items");
            return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).path("id").asText());
        } catch (ServiceCalls.Unavailable e) {
            throw new NotYet("resident-service is not answering");
        } catch (java.io.IOException e) {
            throw new NotYet("resident-service answered something unexpected");
        }
    }

    private String mint(String subject, java.util.List<String> roles, String community, Instant expires) {
        var claims = Jwt.issuer(config.developmentSignIn().issuer()).subject(subject).upn(subject)
                .groups(new HashSet<>(roles)).issuedAt(clock.instant()).expiresAt(expires);
        if (community != null) {
            claims.claim("community", community);
        }
        return claims.jws().keyId("linli-dev").sign();
    }

    private String csrf() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The person cannot be signed in yet. */
    public static final class NotYet extends Exception {
        NotYet(String message) {
            super(message);
        }
    }
}
