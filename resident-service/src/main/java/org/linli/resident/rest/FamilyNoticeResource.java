package org.linli.resident.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.service.NoticePreferences;

/**
 * How a family member is told of their parents' care alerts, set by themself (their account, wherever their parents
 * live): their own phone, e-mail or WeChat and the order to try them. Shown back to them masked.
 */
@Path("/family-links/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Family links")
public class FamilyNoticeResource {

    private final NoticePreferences preferences;

    FamilyNoticeResource(NoticePreferences preferences) {
        this.preferences = preferences;
    }

    @GET
    @RolesAllowed(Roles.FAMILY)
    @Operation(summary = "How I am told of my parents' alerts", description = "What the caller gave (phone and e-mail "
            + "masked, whether a WeChat is set), and whether any of their family links holds CARE_ALERTS today (linked).")
    public NoticePreferences.Mine mine() {
        return preferences.mine();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FAMILY)
    @Operation(summary = "Say how I am told of my parents' alerts", description = "Replaces what was given: language (zh, "
            + "en), channels in order (wechat, sms, email; empty: the deployment's order), phone, email, wechatOpenId. "
            + "Notices go only while a CARE_ALERTS link holds and the parent's CARE_ALERTS consent is in force.")
    public Response set(@NotNull @Valid NoticeRecipientResource.Reach reach) {
        preferences.forMyself(reach.toReach());
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed(Roles.FAMILY)
    @Operation(summary = "Forget how I am told", description = "Removes every address the caller gave for notices.")
    public Response forget() {
        preferences.forgetMine();
        return Response.noContent().build();
    }
}
