package org.linli.partner.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.partner.domain.Partner;
import org.linli.partner.domain.PartnerKind;
import org.linli.partner.service.InboundAlarms;
import org.linli.partner.service.Partners;
import org.linli.partner.service.WebhookCatalogue;
import org.linli.platform.security.Roles;

/** Partners (banks, canteen operators, device vendors) and what each may see. */
@Path("/partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "Who integrates with Linli, and which communities and event types each may see")
public class PartnerResource {

    static final String CODE = "^[a-z0-9][a-z0-9-]{1,62}$";
    static final String COMMUNITY = "^[a-z0-9][a-z0-9-]{0,63}$";
    static final String EVENT_TYPE = "^[a-z0-9.-]{3,200}$";
    /** An e-mail address with a domain that has a dot (Hibernate Validator's {@code @Email} alone takes "a@b"). */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    /** The webhooks' AsyncAPI document, on the classpath (and served at /partners/webhooks/asyncapi.yaml). */
    public static final String ASYNCAPI = "/META-INF/asyncapi-webhooks.yaml";

    private final Partners partners;
    private final InboundAlarms inbound;

    PartnerResource(Partners partners, InboundAlarms inbound) {
        this.partners = partners;
        this.inbound = inbound;
    }

    /** A device vendor's new inbound secret (shown once); the previous one verifies until previousValidUntil. */
    public record InboundSecretView(String secret, OffsetDateTime previousValidUntil) {
    }

    public record PartnerRequest(@NotNull @Pattern(regexp = CODE) String id, @NotBlank @Size(max = 200) String name,
            @NotNull PartnerKind kind,
            @NotEmpty @Size(max = 500) List<@NotNull @Pattern(regexp = COMMUNITY) String> communities,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = EVENT_TYPE) String> eventTypes,
            @Email(regexp = EMAIL) @Size(max = 254) String technicalContactEmail) {
    }

    /** Who is told when a subscription is paused after its retry window; no address (or null) removes it. */
    public record TechnicalContactRequest(@Email(regexp = EMAIL) @Size(max = 254) String email) {
    }

    /** A partner; {@code technicalContactEmail} in full for one partner, masked ({@code d***@bank.example}) in the list. */
    public record PartnerView(String id, String name, PartnerKind kind, List<String> communities, List<String> eventTypes,
            String technicalContactEmail, OffsetDateTime createdAt) {
        static PartnerView of(Partner p, String contact) {
            return new PartnerView(p.id, p.name, p.kind, List.copyOf(p.communities), List.copyOf(p.eventTypes), contact,
                    p.createdAt);
        }
    }

    @POST
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Register a partner: the communities it sponsors or serves and the event types it may receive")
    public Response register(@Valid @NotNull PartnerRequest request) {
        Partner partner = partners.register(new Partners.Registration(request.id(), request.name(), request.kind(),
                request.communities(), request.eventTypes(), request.technicalContactEmail()));
        return Response.created(URI.create("/partners/" + partner.id)).entity(full(partner)).build();
    }

    @PUT
    @Path("/{partnerId}/technical-contact")
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "Set or remove the partner's technical contact (e-mail), told when a subscription is paused")
    public PartnerView changeTechnicalContact(@PathParam("partnerId") String partnerId,
            @Valid @NotNull TechnicalContactRequest request) {
        return full(partners.changeTechnicalContact(partnerId, request.email()));
    }

    @GET
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "The partners the caller may see (a partner sees itself)")
    public List<PartnerView> list() {
        return partners.visible().stream()
                .map(p -> PartnerView.of(p, partners.technicalContact(p).map(PartnerResource::masked).orElse(null))).toList();
    }

    @GET
    @Path("/{partnerId}")
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "One partner")
    public PartnerView get(@PathParam("partnerId") String partnerId) {
        return full(partners.get(partnerId));
    }

    @POST
    @Path("/{partnerId}/inbound-secret/roll")
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "A new inbound secret for a device vendor's signed alarms or a canteen operator's meal reports (shown once); the previous one verifies during the overlap")
    public InboundSecretView rollInboundSecret(@PathParam("partnerId") String partnerId) {
        InboundAlarms.RolledSecret rolled = inbound.rollSecret(partnerId);
        return new InboundSecretView(rolled.secret(), rolled.previousValidUntil());
    }

    private PartnerView full(Partner partner) {
        return PartnerView.of(partner, partners.technicalContact(partner).orElse(null));
    }

    /** "dev-team@bank.example" as "d***@bank.example". */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** The AsyncAPI document of the webhooks (every event type, its payload, the headers); public, like /q/openapi. */
    @GET
    @Path("/webhooks/asyncapi.yaml")
    @PermitAll
    @Produces("application/yaml")
    @Operation(summary = "The webhooks described in AsyncAPI 3.0: every event type, its payload and the signature headers")
    public Response webhooksAsyncApi() {
        try (java.io.InputStream document = PartnerResource.class.getResourceAsStream(ASYNCAPI)) {
            if (document == null) {
                throw new IllegalStateException(ASYNCAPI + " is missing from the build");
            }
            return Response.ok(new String(document.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "application/yaml; charset=UTF-8").build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @GET
    @Path("/event-types")
    @RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.PARTNER })
    @Operation(summary = "The event types a partner may receive, with the fields each webhook carries")
    public List<WebhookCatalogue.EventType> eventTypes() {
        return WebhookCatalogue.entries();
    }
}
