package org.linli.resident.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.FamilyLinkStatus;
import org.linli.resident.domain.FamilyPurpose;
import org.linli.resident.service.FamilyLinks;

/** A resident's family links. The community's and a member's own are in {@link CommunityFamilyLinkResource} and {@link MemberFamilyLinkResource}. */
@Path("/communities/{communityId}/residents/{residentId}/family-links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Family links", description = "Who may act for whom, for what, until when: a son or daughter, signed in as "
        + "themself, for a parent who consented")
public class FamilyLinkResource {

    private final FamilyLinks links;

    FamilyLinkResource(FamilyLinks links) {
        this.links = links;
    }

    /**
     * @param memberId the family member's account subject (their resident id when they are a resident)
     * @param validUntil the last day the link holds (inclusive, community time); absent: as long as the consent
     */
    public record NewFamilyLink(@NotNull UUID memberId, @NotBlank @Size(max = 30) String relationship,
            @NotEmpty Set<@NotNull FamilyPurpose> purposes, LocalDate validUntil) {
    }

    public record FamilyLinkView(UUID id, String communityId, UUID parentId, String parentName, UUID memberId,
            String relationship, List<FamilyPurpose> purposes, LocalDate validUntil, FamilyLinkStatus status,
            String grantedBy, OffsetDateTime grantedAt, String revokedBy, OffsetDateTime revokedAt) {
        static FamilyLinkView of(FamilyLink l, String parentName, LocalDate today) {
            return new FamilyLinkView(l.id, l.communityId, l.parentId, parentName, l.memberId, l.relationship,
                    List.copyOf(l.purposes()), l.validUntil, l.statusOn(today), l.grantedBy, l.grantedAt, l.revokedBy,
                    l.revokedAt);
        }
    }

    @POST
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.RESIDENT })
    @Operation(summary = "Let a family member act for the resident",
            description = "A community worker needs the resident's FAMILY_ACCESS consent in force (409 otherwise); the "
                    + "resident signed in as themself consents by doing it. purposes: MEALS (canteen orders, standing "
                    + "orders, meal account), CARE_ALERTS (see and acknowledge the resident's alerts), SERVICES. The link "
                    + "never outlasts the consent. One standing link per member (409). Publishes family-link.granted.v1.")
    public Response grant(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid NewFamilyLink request) {
        FamilyLink link = links.grant(communityId, residentId, new FamilyLinks.NewLink(request.memberId(),
                request.relationship(), request.purposes(), request.validUntil()));
        return Response.created(URI.create("/communities/" + communityId + "/residents/" + residentId + "/family-links/"
                + link.id)).entity(views(links, List.of(link)).get(0)).build();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.RESIDENT })
    @Operation(summary = "Who may act for the resident", description = "Standing links; all=true adds revoked and expired ones.")
    public List<FamilyLinkView> ofResident(@PathParam("communityId") String communityId,
            @PathParam("residentId") UUID residentId, @QueryParam("all") @DefaultValue("false") boolean all) {
        return views(links, links.ofResident(communityId, residentId, all));
    }

    @POST
    @Path("/{linkId}/revoke")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.RESIDENT, Roles.FAMILY })
    @Operation(summary = "End a family link", description = "By the resident, a community worker, or the member giving it "
            + "up. Publishes family-link.revoked.v1; revoking again answers the same link.")
    public FamilyLinkView revoke(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @PathParam("linkId") UUID linkId) {
        return views(links, List.of(links.revoke(communityId, residentId, linkId))).get(0);
    }

    static List<FamilyLinkView> views(FamilyLinks links, List<FamilyLink> found) {
        Map<UUID, String> names = links.parentNames(found);
        LocalDate today = links.today();
        return found.stream().map(l -> FamilyLinkView.of(l, names.get(l.parentId), today)).toList();
    }
}
