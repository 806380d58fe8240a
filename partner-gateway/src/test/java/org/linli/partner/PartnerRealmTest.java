package org.linli.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.linli.partner.service.PartnerScope;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/keycloak/linli-realm.json gives each sample partner and the gateway itself a client that can do what this
 * gateway and the services it calls expect of their tokens: client credentials only (no browser flow, no password
 * grant), a confidential client with a development-only secret, the Linli roles in the {@code groups} claim the services
 * read, and for a partner the {@code partner} claim that {@link PartnerScope} scopes every call by.
 */
class PartnerRealmTest {

    private static final List<String> SAMPLE_PARTNERS = List.of("rural-commercial-bank", "changjiu-canteen",
            "anxin-gas-alarms");

    private static JsonNode realm() throws IOException {
        return new ObjectMapper().readTree(Path.of("..", "deploy", "keycloak", "linli-realm.json").toFile());
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static JsonNode mapper(JsonNode client, String claim) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.at("/config/claim.name").asText().equals(claim)) {
                return mapper;
            }
        }
        throw new AssertionError(client.path("clientId").asText() + " has no mapper for the claim " + claim);
    }

    /** The realm roles the client's service account has, as far as the client's scope lets them into its tokens. */
    private static Set<String> tokenRoles(JsonNode realm, String clientId) {
        List<String> user = new ArrayList<>();
        for (JsonNode account : realm.path("users")) {
            if (account.path("serviceAccountClientId").asText().equals(clientId)) {
                account.path("realmRoles").forEach(r -> user.add(r.asText()));
            }
        }
        List<String> scope = new ArrayList<>();
        for (JsonNode mapping : realm.path("scopeMappings")) {
            if (mapping.path("client").asText().equals(clientId)) {
                mapping.path("roles").forEach(r -> scope.add(r.asText()));
            }
        }
        user.retainAll(scope);
        return Set.copyOf(user);
    }

    private static void machineClient(JsonNode client) {
        String id = client.path("clientId").asText();
        assertFalse(client.path("publicClient").asBoolean(true), id + " is confidential");
        assertTrue(client.path("serviceAccountsEnabled").asBoolean(), id + " has client credentials");
        assertFalse(client.path("standardFlowEnabled").asBoolean(true), id + ": no browser sign-in");
        assertFalse(client.path("implicitFlowEnabled").asBoolean(true), id + ": no implicit flow");
        assertFalse(client.path("directAccessGrantsEnabled").asBoolean(true), id + ": no password grant");
        assertEquals("false", client.at("/attributes/client_credentials.use_refresh_token").asText(), id + ": no refresh tokens");
        assertFalse(client.path("fullScopeAllowed").asBoolean(true), id + ": only the roles mapped to it reach its tokens");
        assertTrue(client.path("secret").asText().startsWith("DEVELOPMENT-ONLY-"), id + "'s secret is marked development only");
        JsonNode groups = mapper(client, "groups");
        assertEquals("oidc-usermodel-realm-role-mapper", groups.path("protocolMapper").asText());
        assertEquals("true", groups.at("/config/access.token.claim").asText());
        assertEquals("true", groups.at("/config/multivalued").asText());
    }

    @Test
    void eachSamplePartnerHasAClientCredentialsClientNamingItInItsTokens() throws IOException {
        JsonNode realm = realm();
        for (String partner : SAMPLE_PARTNERS) {
            JsonNode client = client(realm, partner);
            machineClient(client);
            JsonNode claim = mapper(client, PartnerScope.PARTNER_CLAIM);
            assertEquals("oidc-hardcoded-claim-mapper", claim.path("protocolMapper").asText());
            assertEquals(partner, claim.at("/config/claim.value").asText(), "the partner claim names " + partner);
            assertEquals("true", claim.at("/config/access.token.claim").asText());
            assertEquals(Set.of(Roles.PARTNER), tokenRoles(realm, partner), partner + "'s token has the role partner only");
        }
    }

    @Test
    void theGatewayHasAClientWithTheGatewayRoleOnly() throws IOException {
        JsonNode realm = realm();
        // PartnerConfig's credentials.client-id defaults to it
        JsonNode gateway = client(realm, "partner-gateway");
        machineClient(gateway);
        // resident-service's POST /device-alarms and canteen-service's check-off and doors admit Roles.GATEWAY in any
        // community (the gateway checked the partner's scope); nothing else
        assertEquals(Set.of(Roles.GATEWAY), tokenRoles(realm, "partner-gateway"));
        for (JsonNode mapper : gateway.path("protocolMappers")) {
            String claim = mapper.at("/config/claim.name").asText();
            assertFalse(claim.equals(PartnerScope.PARTNER_CLAIM) || claim.equals(Caller.COMMUNITY_CLAIM),
                    "the gateway is neither a partner nor staff of a community: its token names none (" + claim + ")");
        }
        for (String partner : SAMPLE_PARTNERS) {
            assertFalse(tokenRoles(realm, partner).contains(Roles.GATEWAY), partner + " cannot act as the gateway");
        }
    }
}
