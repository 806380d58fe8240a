package org.linli.canteen.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.linli.canteen.domain.Dish;
import org.linli.canteen.domain.DishCategory;
import org.linli.canteen.domain.Suitability;
import org.linli.canteen.service.Menus;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/dishes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Menus")
public class DishResource {

    private final Menus menus;

    DishResource(Menus menus) {
        this.menus = menus;
    }

    public record NewDish(@NotBlank @Size(max = 100) String name, @NotNull DishCategory category,
            @Size(max = 10) List<@NotBlank @Size(max = 30) String> allergens, @Size(max = 3) List<@NotNull Suitability> suitability) {
    }

    public record DishView(UUID id, String name, DishCategory category, List<String> allergens,
            List<Suitability> suitability) {
        static DishView of(Dish d) {
            return new DishView(d.id, d.name, d.category, d.allergenList(), d.suitabilityList());
        }
    }

    @POST
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    public Response add(@PathParam("communityId") String communityId, @NotNull @Valid NewDish request) {
        Dish dish = menus.addDish(communityId, new Menus.NewDish(request.name(), request.category(), request.allergens(),
                request.suitability()));
        return Response.created(URI.create("/communities/" + communityId + "/dishes/" + dish.id))
                .entity(DishView.of(dish)).build();
    }

    @PUT
    @Path("/{dishId}")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Correct a dish (name, category, allergens, suitability)",
            description = "Menus name dishes by id: published weeks show the corrected dish. 409 for a name another dish has.")
    public DishView change(@PathParam("communityId") String communityId, @PathParam("dishId") UUID dishId,
            @NotNull @Valid NewDish request) {
        return DishView.of(menus.changeDish(communityId, dishId, new Menus.NewDish(request.name(), request.category(),
                request.allergens(), request.suitability())));
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public List<DishView> list(@PathParam("communityId") String communityId) {
        return menus.dishes(communityId).stream().map(DishView::of).toList();
    }
}
