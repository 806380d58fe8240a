package org.linli.resident.rest;

import java.net.URI;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.OrgUnitKind;
import org.linli.resident.service.Organisation;

@Path("/org-units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation tree", description = "district → subdistrict → community → grid → building → unit")
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER, Roles.GRID_HEAD })
public class OrgUnitResource {

    private final Organisation organisation;

    OrgUnitResource(Organisation organisation) {
        this.organisation = organisation;
    }

    public record NewOrgUnit(@NotNull OrgUnitKind kind, UUID parentId,
            @Pattern(regexp = ResidentResource.COMMUNITY_ID) String code, @NotBlank @Size(max = 100) String name) {
    }

    public record Rename(@NotBlank @Size(max = 100) String name) {
    }

    public record OrgUnitView(UUID id, OrgUnitKind kind, UUID parentId, String code, String name, String districtCode,
            String communityCode) {
        static OrgUnitView of(OrgUnit u) {
            return new OrgUnitView(u.id, u.kind, u.parentId, u.code, u.name, u.districtCode, u.communityCode);
        }
    }

    @POST
    @Operation(summary = "Add a unit to the tree",
            description = "Districts, subdistricts and communities: a district officer of that district. Grids, buildings, units: a community worker of that community.")
    public Response create(@NotNull @Valid NewOrgUnit request) {
        OrgUnit unit = organisation.create(new Organisation.NewUnit(request.kind(), request.parentId(), request.code(),
                request.name()));
        return Response.created(URI.create("/org-units/" + unit.id)).entity(OrgUnitView.of(unit)).build();
    }

    @GET
    @Operation(summary = "Find districts, subdistricts or communities by code", description = "Only units in the caller's scope.")
    public List<OrgUnitView> byCode(@QueryParam("kind") @NotNull OrgUnitKind kind,
            @QueryParam("code") @NotNull @Pattern(regexp = ResidentResource.COMMUNITY_ID) String code) {
        return organisation.byCode(kind, code).stream().map(OrgUnitView::of).toList();
    }

    @GET
    @Path("/{id}")
    public OrgUnitView get(@PathParam("id") UUID id) {
        return OrgUnitView.of(organisation.visible(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Rename a unit")
    public OrgUnitView rename(@PathParam("id") UUID id, @NotNull @Valid Rename request) {
        return OrgUnitView.of(organisation.rename(id, request.name()));
    }

    @GET
    @Path("/{id}/children")
    public PageView<OrgUnitView> children(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        List<OrgUnitView> items = organisation.children(id, page, size).stream().map(OrgUnitView::of).toList();
        return new PageView<>(items, page, size, organisation.countChildren(id));
    }
}
