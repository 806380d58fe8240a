package org.linli.resident.rest;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.Relationship;
import org.linli.resident.domain.Residency;
import org.linli.resident.domain.Resident;
import org.linli.resident.privacy.ValidNationalId;
import org.linli.resident.service.ResidentRegistry;
import org.linli.resident.service.ResidentScope;

import io.quarkus.panache.common.Sort;

@Path("/communities/{communityId}/residents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Residents")
public class ResidentResource {

    static final String COMMUNITY_ID = "[a-z0-9][a-z0-9-]{0,63}";
    private static final Set<String> FLAGS = Set.of("livesAlone", "housebound", "chronicIllness", "lowIncome", "partyMember");
    private static final Map<String, Sort> SORTS = Map.of(
            "name", Sort.by("name").and("id"), "-name", Sort.descending("name").and("id"),
            "age", Sort.descending("birthDate").and("id"), "-age", Sort.by("birthDate").and("id"),
            "registeredAt", Sort.by("registeredAt").and("id"), "-registeredAt", Sort.descending("registeredAt").and("id"));

    private final ResidentRegistry registry;
    private final ResidentScope scope;
    private final Clock clock;

    ResidentResource(ResidentRegistry registry, ResidentScope scope, Clock clock) {
        this.registry = registry;
        this.scope = scope;
        this.clock = clock;
    }

    public record MoveRequest(@NotNull UUID householdId, Relationship relationshipToHead, @NotNull LocalDate on) {
    }

    public record MoveOutRequest(@NotNull LocalDate on, @Size(max = 200) String reason) {
    }

    public record LookupRequest(@NotNull @ValidNationalId String nationalId) {
    }

    public record ResidencyView(UUID householdId, Relationship relationshipToHead, LocalDate movedInOn, LocalDate movedOutOn,
            String reason) {
        static ResidencyView of(Residency r) {
            return new ResidencyView(r.householdId, r.relationshipToHead, r.movedInOn, r.movedOutOn, r.reason);
        }
    }

    @POST
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Register a resident",
            description = "Community workers, and grid heads into a household of their grid. 409 if the national ID is already registered in the city; a same-name-and-birth-date match is flagged as a likely duplicate. Publishes resident.registered.v1.")
    public Response register(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @NotNull @Valid NewResident request) {
        Resident resident = registry.register(communityId, request.toRegistration());
        return Response.created(URI.create("/communities/" + communityId + "/residents/" + resident.id))
                .entity(ResidentView.of(resident, today(), registry.masked(resident), true)).build();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.RESIDENT })
    @Operation(summary = "Search the community's residents",
            description = "Filters combine; phone and national ID are masked. Grid heads see their grids only.")
    public PageView<ResidentView> search(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @Parameter(description = "the start of the name: a surname (王) or more (王淑)")
            @QueryParam("name") @Size(max = 100) String name,
            @QueryParam("gridId") UUID gridId, @QueryParam("buildingId") UUID buildingId, @QueryParam("unitId") UUID unitId,
            @QueryParam("ageBand") AgeBand ageBand,
            @Parameter(description = "livesAlone, housebound, chronicIllness, lowIncome, partyMember; repeat to combine")
            @QueryParam("flag") List<@Pattern(regexp = "livesAlone|housebound|chronicIllness|lowIncome|partyMember") String> flags,
            @QueryParam("includeMovedOut") @DefaultValue("false") boolean includeMovedOut,
            @Parameter(description = "name, -name, age, -age, registeredAt, -registeredAt")
            @QueryParam("sort") @DefaultValue("name") @Pattern(regexp = "-?(name|age|registeredAt)") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        ResidentRegistry.Found found = registry.search(communityId, new ResidentRegistry.Filter(name, gridId, buildingId,
                unitId, ageBand, flags == null ? Set.of() : Set.copyOf(flags), includeMovedOut), SORTS.get(sort), page, size);
        LocalDate today = today();
        boolean health = !scope.is(Roles.DISTRICT_OFFICER);
        return new PageView<>(found.page().stream().map(r -> ResidentView.of(r, today, registry.masked(r), health)).toList(),
                page, size, found.total());
    }

    @GET
    @Path("/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.DISTRICT_OFFICER, Roles.RESIDENT })
    @Operation(summary = "One resident's record",
            description = "reveal=phone and/or reveal=nationalId show the full values to readers allowed to see them (community workers; grid heads the phone; the resident themself); anyone but the resident states a reason (400 without one); each such read is audited with its reason.")
    public ResidentView get(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId,
            @QueryParam("reveal") List<@Pattern(regexp = "phone|nationalId") String> reveal,
            @Parameter(description = "why the reader needs it in full (required with reveal, except for the resident themself)")
            @QueryParam("reason") @Size(max = 200) String reason) {
        Resident resident = registry.visible(communityId, residentId);
        Map<String, String> sensitive = new java.util.HashMap<>(registry.masked(resident));
        if (reveal != null && !reveal.isEmpty()) {
            sensitive.putAll(registry.reveal(resident, Set.copyOf(reveal), reason));
        }
        return ResidentView.of(resident, today(), sensitive, !scope.is(Roles.DISTRICT_OFFICER));
    }

    @POST
    @Path("/lookup")
    @RolesAllowed({ Roles.COMMUNITY_WORKER })
    @Operation(summary = "Find a resident by national ID number",
            description = "The number travels in the body, never in a URL that proxies log. Exact match through the blind index.")
    public ResidentView lookup(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @NotNull @Valid LookupRequest request) {
        Resident resident = registry.byNationalId(communityId, request.nationalId())
                .filter(r -> r.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No resident with this national ID number in your scope"));
        return ResidentView.of(resident, today(), registry.masked(resident), true);
    }

    @PATCH
    @Path("/{residentId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
    @Operation(summary = "Change a resident's record", description = "Only the fields sent change. Publishes resident.updated.v1 when what other services know changes.")
    public ResidentView change(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId, @NotNull @Valid ResidentChanges request) {
        Resident resident = registry.change(communityId, residentId, request.toChanges());
        return ResidentView.of(resident, today(), registry.masked(resident), true);
    }

    @POST
    @Path("/{residentId}/move")
    @RolesAllowed({ Roles.COMMUNITY_WORKER })
    @Operation(summary = "Move a resident to another household of the community (history kept)")
    public ResidentView move(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId, @NotNull @Valid MoveRequest request) {
        Resident resident = registry.move(communityId, residentId, request.householdId(),
                request.relationshipToHead() == null ? Relationship.OTHER : request.relationshipToHead(), request.on());
        return ResidentView.of(resident, today(), registry.masked(resident), true);
    }

    @POST
    @Path("/{residentId}/move-out")
    @RolesAllowed({ Roles.COMMUNITY_WORKER })
    @Operation(summary = "Record that a resident moved out", description = "The record and its history stay. Publishes resident.moved-out.v1.")
    public ResidentView moveOut(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId, @NotNull @Valid MoveOutRequest request) {
        Resident resident = registry.moveOut(communityId, residentId, request.on(), request.reason());
        return ResidentView.of(resident, today(), registry.masked(resident), true);
    }

    @GET
    @Path("/{residentId}/residencies")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.GRID_HEAD, Roles.RESIDENT })
    @Operation(summary = "Where the resident has lived in the community, and when")
    public List<ResidencyView> residencies(@PathParam("communityId") @Pattern(regexp = COMMUNITY_ID) String communityId,
            @PathParam("residentId") UUID residentId) {
        return registry.history(registry.visible(communityId, residentId)).stream().map(ResidencyView::of).toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
