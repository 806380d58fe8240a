package org.linli.resident.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.rest.FamilyLinkResource.FamilyLinkView;
import org.linli.resident.service.FamilyLinks;

/** The community's family links, for its workers and the district's officers. */
@Path("/communities/{communityId}/family-links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Family links")
public class CommunityFamilyLinkResource {

    private final FamilyLinks links;

    CommunityFamilyLinkResource(FamilyLinks links) {
        this.links = links;
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The community's family links", description = "Standing links, optionally of one member; "
            + "all=true adds revoked and expired ones.")
    public List<FamilyLinkView> ofCommunity(@PathParam("communityId") String communityId,
            @QueryParam("memberId") UUID memberId, @QueryParam("all") @DefaultValue("false") boolean all) {
        return FamilyLinkResource.views(links, links.ofCommunity(communityId, memberId, all));
    }
}
