package org.linli.resident.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.rest.FamilyLinkResource.FamilyLinkView;
import org.linli.resident.service.FamilyLinks;

/** A family member's own links, wherever their parents live (no community prefix: the link is the scope). */
@Path("/family-links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Family links")
public class MemberFamilyLinkResource {

    private final FamilyLinks links;

    MemberFamilyLinkResource(FamilyLinks links) {
        this.links = links;
    }

    @GET
    @RolesAllowed(Roles.FAMILY)
    @Operation(summary = "The parents I may act for", description = "The caller's own links as a family member (token "
            + "subject = their own id), with each parent's community, for what and until when; all=true adds revoked "
            + "and expired ones.")
    public List<FamilyLinkView> mine(@QueryParam("all") @DefaultValue("false") boolean all) {
        return FamilyLinkResource.views(links, links.mine(all));
    }
}
