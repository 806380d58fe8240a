package org.linli.platform.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from their bearer token: their roles, and the community (or district) that scopes what
 * they may see. Resources ask {@link #mayRead(String, String)} and answer 404, not 403, for anything
 * outside the caller's scope, so nobody learns what exists in another community.
 */
@RequestScoped
public class Caller {

    public static final String COMMUNITY_CLAIM = "community";
    public static final String DISTRICT_CLAIM = "district";

    private final JsonWebToken token;
    /** The claims asked for in this request, read from the token once (a resource may ask for each many times). */
    private final Map<String, Optional<String>> claims = new HashMap<>(4);
    private Set<String> groups;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The stable id of the account (JWT {@code sub}). */
    public String subject() {
        return token.getSubject();
    }

    /** The caller acting in their own right: records name them alone. */
    public Acting acting() {
        return new Acting(subject(), null);
    }

    /**
     * The caller acting for {@code principal} on the principal's authority (a family member for a parent): records
     * name both. Acting for oneself is acting in one's own right.
     */
    public Acting actingFor(String principal) {
        return principal == null || principal.equals(subject()) ? acting() : new Acting(subject(), principal);
    }

    public boolean is(String role) {
        if (groups == null) {
            groups = token.getGroups();
        }
        return groups.contains(role);
    }

    public Optional<String> community() {
        return claim(COMMUNITY_CLAIM);
    }

    public Optional<String> district() {
        return claim(DISTRICT_CLAIM);
    }

    /** Whether the caller may read data that belongs to this community (of this district, when known). */
    public boolean mayRead(String communityId, String districtId) {
        if (community().filter(communityId::equals).isPresent()) {
            return true;
        }
        return is(Roles.DISTRICT_OFFICER) && districtId != null && district().filter(districtId::equals).isPresent();
    }

    /** Whether the caller works in this community (district officers watch, they do not write). */
    public boolean worksIn(String communityId) {
        return community().filter(communityId::equals).isPresent();
    }

    /**
     * A claim holding several values (a JSON array, or a comma-separated string), e.g. the {@code grids} a grid
     * head looks after, as the identity provider issues them. Empty when absent.
     */
    public java.util.List<String> claimValues(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        if (value instanceof Iterable<?> items) {
            items.forEach(item -> values.add(unquoted(item.toString())));
        } else {
            for (String part : unquoted(value.toString()).split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private Optional<String> claim(String name) {
        return claims.computeIfAbsent(name, n -> Optional.ofNullable(token.getClaim(n)).map(v -> unquoted(v.toString())));
    }

    /** A JSON string's value without its quotes (a claim may arrive as {@code "changshan-garden"}). */
    private static String unquoted(String value) {
        int from = value.startsWith("\"") ? 1 : 0;
        int to = value.length() > from && value.endsWith("\"") ? value.length() - 1 : value.length();
        return value.substring(from, to);
    }
}
