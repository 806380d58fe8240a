package org.linli.resident.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.FamilyPurpose;

/**
 * Family links granted and revoked, on the resident topic and keyed by the parent's resident id, so a parent's links
 * follow their registration and each other in order. Ids, purposes and validity only: never a name or a relationship.
 * canteen-service learns from them who may order for whom. Documented in docs/asyncapi.yaml.
 */
public final class FamilyLinkEvents {

    public static final String GRANTED = "family-link.granted.v1";
    public static final String REVOKED = "family-link.revoked.v1";

    private FamilyLinkEvents() {
    }

    /** @param validUntil the last community calendar day the link holds (inclusive); null until revoked */
    public record FamilyLinkGranted(UUID linkId, String communityId, UUID parentId, UUID memberId,
            List<FamilyPurpose> purposes, LocalDate validUntil, OffsetDateTime grantedAt) {
    }

    public record FamilyLinkRevoked(UUID linkId, String communityId, UUID parentId, UUID memberId,
            OffsetDateTime revokedAt) {
    }

    public static OutgoingEvent granted(FamilyLink link) {
        return event(GRANTED, link, new FamilyLinkGranted(link.id, link.communityId, link.parentId, link.memberId,
                List.copyOf(link.purposes()), link.validUntil, link.grantedAt));
    }

    public static OutgoingEvent revoked(FamilyLink link) {
        return event(REVOKED, link, new FamilyLinkRevoked(link.id, link.communityId, link.parentId, link.memberId,
                link.revokedAt));
    }

    private static OutgoingEvent event(String type, FamilyLink link, Object data) {
        return new OutgoingEvent(ResidentEvents.TOPIC, type, link.parentId.toString(), "family-links/" + link.id,
                link.communityId, data);
    }
}
