package org.linli.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints bearer tokens signed with the DEVELOPMENT key (linli/dev-keys/jwt-private.pem), for tests and
 * local runs. Services trust that key only when told to; production uses a real identity provider.
 *
 * <pre>
 * DevTokens.as("community-worker").community("changshan-garden").subject("worker-wu").mint()
 * </pre>
 */
public final class DevTokens {

    /** The issuer services expect in dev, test and the local run. */
    public static final String ISSUER = "https://linli.dev/development-issuer";

    private static PrivateKey key;

    private final Set<String> roles;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String subject = "dev-user";
    private Duration lifetime = Duration.ofHours(12);

    private DevTokens(Set<String> roles) {
        this.roles = roles;
    }

    /** A token for someone holding these roles (district-officer, community-worker, grid-head, ...). */
    public static DevTokens as(String... roles) {
        return new DevTokens(Set.of(roles));
    }

    public DevTokens subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The community the caller works in or lives in; scopes what they may see. */
    public DevTokens community(String communityId) {
        return claim("community", communityId);
    }

    /** The district a district officer watches. */
    public DevTokens district(String districtId) {
        return claim("district", districtId);
    }

    public DevTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public DevTokens lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public String mint() {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(ISSUER);
        jwt.setSubject(subject);
        jwt.setClaim("upn", subject);
        jwt.setStringListClaim("groups", java.util.List.copyOf(roles));
        jwt.setIssuedAtToNow();
        jwt.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        jwt.setGeneratedJwtId();
        claims.forEach(jwt::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setKey(privateKey());
        jws.setKeyIdHeaderValue("linli-dev");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream("linli/dev-keys/jwt-private.pem")) {
                if (in == null) {
                    throw new IllegalStateException("linli/dev-keys/jwt-private.pem is not on the classpath");
                }
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the development key cannot be read", e);
            }
        }
        return key;
    }

    /**
     * Prints a development token: {@code --role community-worker --community changshan-garden
     * [--subject worker-wu] [--district kuancheng] [--claim name=value ...]}.
     */
    public static void main(String[] args) {
        String role = null;
        DevTokens token = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("role")) {
                role = args[i + 1];
            } else {
                options.merge(name, args[i + 1], (a, b) -> a + "\n" + b);
            }
        }
        if (role == null) {
            System.err.println("usage: --role <district-officer|community-worker|grid-head|volunteer|resident|canteen-staff|partner>"
                    + " [--community <id>] [--district <id>] [--subject <id>] [--claim name=value]");
            System.exit(2);
        }
        token = as(role.split(","));
        for (var option : options.entrySet()) {
            for (String value : option.getValue().split("\n")) {
                switch (option.getKey()) {
                    case "community" -> token.community(value);
                    case "district" -> token.district(value);
                    case "subject" -> token.subject(value);
                    case "claim" -> token.claim(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                    default -> throw new IllegalArgumentException("unknown option --" + option.getKey());
                }
            }
        }
        System.out.println(token.mint());
    }
}
