package org.linli.resident.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
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
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.EmergencyContact;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.service.CareCircle;

@Path("/communities/{communityId}/residents/{residentId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent and emergency contacts")
public class CareCircleResource {

    private final CareCircle careCircle;

    CareCircleResource(CareCircle careCircle) {
        this.careCircle = careCircle;
    }

    public record NewConsent(@NotNull ConsentPurpose purpose, LocalDate validUntil) {
    }

    public record ConsentView(UUID id, ConsentPurpose purpose, String recordedBy, OffsetDateTime grantedAt,
            LocalDate validUntil, OffsetDateTime withdrawnAt, String withdrawnBy) {
        static ConsentView of(Consent c) {
            return new ConsentView(c.id, c.purpose, c.recordedBy, c.grantedAt, c.validUntil, c.withdrawnAt, c.withdrawnBy);
        }
    }

    public record NewContact(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 30) String relationship,
            @NotNull @Pattern(regexp = PhoneNumber.PATTERN, message = "is not a phone number") String phone,
            @Min(1) @Max(9) Integer priority) {
    }

    public record ContactView(UUID id, String name, String relationship, String phone, int priority) {
    }

    @POST
    @Path("/consents")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Record what the resident agreed to (PIPL)",
            description = "CANTEEN consent lets dietary needs travel to the canteen (a resident.updated.v1 follows).")
    public Response grant(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid NewConsent request) {
        Consent consent = careCircle.grant(communityId, residentId, request.purpose(), request.validUntil());
        return Response.created(URI.create("/communities/" + communityId + "/residents/" + residentId + "/consents/" + consent.id))
                .entity(ConsentView.of(consent)).build();
    }

    @GET
    @Path("/consents")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.RESIDENT })
    public List<ConsentView> consents(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId) {
        return careCircle.consents(communityId, residentId).stream().map(ConsentView::of).toList();
    }

    @POST
    @Path("/consents/{consentId}/withdraw")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    public ConsentView withdraw(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @PathParam("consentId") UUID consentId) {
        return ConsentView.of(careCircle.withdraw(communityId, residentId, consentId));
    }

    @POST
    @Path("/emergency-contacts")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Add a relative to tell when something goes wrong", description = "Needs the resident's CARE_ALERTS consent (409 otherwise).")
    public Response addContact(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @NotNull @Valid NewContact request) {
        EmergencyContact contact = careCircle.addContact(communityId, residentId, request.name(), request.relationship(),
                request.phone(), request.priority() == null ? 1 : request.priority());
        return Response.created(URI.create("/communities/" + communityId + "/residents/" + residentId
                + "/emergency-contacts/" + contact.id)).entity(view(contact, false)).build();
    }

    @GET
    @Path("/emergency-contacts")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.RESIDENT })
    @Operation(summary = "The resident's emergency contacts", description = "reveal=true shows full phone numbers, with a stated reason (400 without one); the read is audited with its reason.")
    public List<ContactView> contacts(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @QueryParam("reveal") @DefaultValue("false") boolean reveal,
            @QueryParam("reason") @Size(max = 200) String reason) {
        return careCircle.contacts(communityId, residentId, reveal, reason).stream().map(c -> view(c, reveal)).toList();
    }

    @DELETE
    @Path("/emergency-contacts/{contactId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Remove a contact (kept, marked removed)")
    public Response removeContact(@PathParam("communityId") String communityId, @PathParam("residentId") UUID residentId,
            @PathParam("contactId") UUID contactId) {
        careCircle.removeContact(communityId, residentId, contactId);
        return Response.noContent().build();
    }

    private ContactView view(EmergencyContact c, boolean reveal) {
        return new ContactView(c.id, c.name, c.relationship, careCircle.phone(c, reveal), c.priority);
    }
}
