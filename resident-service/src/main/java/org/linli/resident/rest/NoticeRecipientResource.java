package org.linli.resident.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.service.NoticePreferences;

/**
 * How the people told of a care alert are reached: an emergency contact, a grid head, the community's duty desk.
 * Addresses are kept encrypted and never read back through the API; PUT replaces what was given, DELETE forgets it
 * (the registry's phone of a contact or a grid head still receives SMS).
 */
@Path("/communities/{communityId}/notice-recipients")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Care alerts")
public class NoticeRecipientResource {

    public record Reach(@Pattern(regexp = "zh|en") String language,
            @Size(max = 3) List<@NotNull @Pattern(regexp = "wechat|sms|email") String> channels,
            @Pattern(regexp = PhoneNumber.PATTERN, message = "is not a phone number") String phone,
            @Email @Size(max = 200) String email,
            @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") String wechatOpenId) {

        NoticePreferences.Reach toReach() {
            return new NoticePreferences.Reach(language, channels, phone, email == null ? null : email.strip(), wechatOpenId);
        }
    }

    private final NoticePreferences preferences;

    NoticeRecipientResource(NoticePreferences preferences) {
        this.preferences = preferences;
    }

    @PUT
    @Path("/residents/{residentId}/emergency-contacts/{contactId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "How an emergency contact is reached (language, channel order, e-mail, WeChat openid)")
    public Response contact(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @PathParam("contactId") UUID contactId, @NotNull @Valid Reach reach) {
        preferences.forContact(communityId, residentId, contactId, reach.toReach());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/residents/{residentId}/emergency-contacts/{contactId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public Response forgetContact(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @PathParam("contactId") UUID contactId) {
        preferences.forgetContact(communityId, residentId, contactId);
        return Response.noContent().build();
    }

    @PUT
    @Path("/grid-heads/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "How a grid head is reached (a community worker, or the grid head herself)")
    public Response gridHead(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid Reach reach) {
        preferences.forGridHead(communityId, residentId, reach.toReach());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/grid-heads/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public Response forgetGridHead(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        preferences.forgetGridHead(communityId, residentId);
        return Response.noContent().build();
    }

    @PUT
    @Path("/duty-desk")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    @Operation(summary = "How the community's duty desk is reached (the last resort of every notice)")
    public Response dutyDesk(@PathParam("communityId") String communityId, @NotNull @Valid Reach reach) {
        preferences.forDutyDesk(communityId, reach.toReach());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/duty-desk")
    @RolesAllowed(Roles.COMMUNITY_WORKER)
    public Response forgetDutyDesk(@PathParam("communityId") String communityId) {
        preferences.forgetDutyDesk(communityId);
        return Response.noContent().build();
    }
}
