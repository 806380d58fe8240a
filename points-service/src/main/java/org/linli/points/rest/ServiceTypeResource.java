package org.linli.points.rest;

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
import org.linli.platform.security.Roles;
import org.linli.points.domain.CommunityPolicy;
import org.linli.points.domain.PointsBasis;
import org.linli.points.domain.ServiceType;
import org.linli.points.service.ServiceTypes;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service types and rules", description = "What a community rewards, how many points, and the caps")
public class ServiceTypeResource {

    private final ServiceTypes types;

    ServiceTypeResource(ServiceTypes types) {
        this.types = types;
    }

    public record TypeRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}") String code,
            @NotBlank @Size(max = 100) String name, @NotNull PointsBasis basis, @Min(0) @Max(1000) int points,
            @Min(1) @Max(720) Integer perMinutes, @Min(0) @Max(10000) Integer dailyCap, @Min(0) @Max(50000) Integer weeklyCap,
            boolean needsBeneficiary, Boolean active) {
        ServiceTypes.Rule rule() {
            return new ServiceTypes.Rule(code, name, basis, points, perMinutes, dailyCap, weeklyCap, needsBeneficiary);
        }
    }

    public record TypeView(UUID id, String code, String name, PointsBasis basis, int points, Integer perMinutes,
            Integer dailyCap, Integer weeklyCap, boolean needsBeneficiary, boolean active) {
        static TypeView of(ServiceType t) {
            return new TypeView(t.id, t.code, t.name, t.basis, t.points, t.perMinutes, t.dailyCap, t.weeklyCap,
                    t.needsBeneficiary, t.active);
        }
    }

    public record Policy(@Min(0) @Max(1000) int deliveryPoints, @Min(1) @Max(600) int minutesPerClass) {
        static Policy of(CommunityPolicy p) {
            return new Policy(p.deliveryPoints, p.minutesPerClass);
        }
    }

    @GET
    @Path("/service-types")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The community's service types and their points rules")
    public List<TypeView> list(@PathParam("communityId") String communityId) {
        return types.list(communityId).stream().map(TypeView::of).toList();
    }

    @POST
    @Path("/service-types")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    public Response create(@PathParam("communityId") String communityId, @NotNull @Valid TypeRequest request) {
        ServiceType type = types.create(communityId, request.rule());
        return Response.created(URI.create("/communities/" + communityId + "/service-types/" + type.id))
                .entity(TypeView.of(type)).build();
    }

    @PUT
    @Path("/service-types/{typeId}")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Change a type's rule or retire it (active=false); confirmed services keep their points")
    public TypeView update(@PathParam("communityId") String communityId, @PathParam("typeId") UUID typeId,
            @NotNull @Valid TypeRequest request) {
        return TypeView.of(types.update(communityId, typeId, request.rule(), request.active() == null || request.active()));
    }

    @GET
    @Path("/points-policy")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Points per meal delivery and service minutes per class (defaults 5 and 40)")
    public Policy policy(@PathParam("communityId") String communityId) {
        return Policy.of(types.policy(communityId));
    }

    @PUT
    @Path("/points-policy")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    public Policy setPolicy(@PathParam("communityId") String communityId, @NotNull @Valid Policy request) {
        return Policy.of(types.setPolicy(communityId, request.deliveryPoints(), request.minutesPerClass()));
    }
}
