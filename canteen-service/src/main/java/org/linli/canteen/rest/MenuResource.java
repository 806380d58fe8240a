package org.linli.canteen.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MenuItem;
import org.linli.canteen.domain.MenuStatus;
import org.linli.canteen.domain.WeeklyMenu;
import org.linli.canteen.service.Menus;
import org.linli.platform.security.Roles;

@Path("/communities/{communityId}/menus/{weekStart}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Menus", description = "Dishes and the weekly menu: no dish repeats in a week; every lunch has meat and vegetables")
public class MenuResource {

    private final Menus menus;

    MenuResource(Menus menus) {
        this.menus = menus;
    }

    public record DayPlan(@NotNull LocalDate date, @Size(max = 12) List<@NotNull UUID> lunch,
            @Size(max = 12) List<@NotNull UUID> dinner) {
    }

    public record WeekPlan(@NotNull @Size(max = 7) List<@NotNull @Valid DayPlan> days) {
    }

    public record DayView(LocalDate date, List<UUID> lunch, List<UUID> dinner) {
    }

    public record MenuView(UUID id, LocalDate weekStart, MenuStatus status, OffsetDateTime publishedAt, List<DayView> days) {
    }

    /** A day of the published menu, each dish with what a diner needs to choose: category, allergens, suitability. */
    public record PublishedDayView(LocalDate date, List<DishResource.DishView> lunch, List<DishResource.DishView> dinner) {
        static PublishedDayView of(Menus.MenuDay day) {
            return new PublishedDayView(day.date(), day.lunch().stream().map(DishResource.DishView::of).toList(),
                    day.dinner().stream().map(DishResource.DishView::of).toList());
        }
    }

    public record PublishedMenuView(LocalDate weekStart, OffsetDateTime publishedAt, List<PublishedDayView> days) {
        static PublishedMenuView of(Menus.PublishedMenu menu) {
            return new PublishedMenuView(menu.weekStart(), menu.publishedAt(),
                    menu.days().stream().map(PublishedDayView::of).toList());
        }
    }

    @PUT
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Write the draft menu of the week starting on this Monday", description = "Replaces the draft; "
            + "a published menu no longer changes (409).")
    public MenuView draft(@PathParam("communityId") String communityId, @PathParam("weekStart") LocalDate weekStart,
            @NotNull @Valid WeekPlan request) {
        WeeklyMenu menu = menus.draft(communityId, weekStart, request.days().stream()
                .map(d -> new Menus.DayPlan(d.date(), d.lunch(), d.dinner())).toList());
        return view(menu);
    }

    @POST
    @Path("/publish")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Publish the week's menu", description = "409 naming each day and dish that breaks a rule: a dish "
            + "repeated within the week, a day without lunch, a lunch without a meat or a vegetable dish. Publishes "
            + "menu.published.v1 (keyed by menuId).")
    public MenuView publish(@PathParam("communityId") String communityId, @PathParam("weekStart") LocalDate weekStart) {
        return view(menus.publish(communityId, weekStart));
    }

    @GET
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public MenuView get(@PathParam("communityId") String communityId, @PathParam("weekStart") LocalDate weekStart) {
        return view(menus.visible(communityId, weekStart));
    }

    @GET
    @Path("/published")
    @RolesAllowed({ Roles.CANTEEN_STAFF, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER, Roles.RESIDENT, Roles.VOLUNTEER,
            Roles.FAMILY })
    @Operation(summary = "The week's published menu with its dishes, for those who eat", description = "Each day's lunch "
            + "and dinner dishes in menu order, with category, allergens and suitability. For staff and residents and "
            + "volunteers of the community, district officers of its district, and family members with a MEALS link for "
            + "a diner of the community; anyone else gets a 404, as does a week whose menu is a draft or missing. "
            + "weekStart is a Monday (400 otherwise).")
    public PublishedMenuView published(@PathParam("communityId") String communityId,
            @PathParam("weekStart") LocalDate weekStart) {
        return PublishedMenuView.of(menus.published(communityId, weekStart));
    }

    private MenuView view(WeeklyMenu menu) {
        Map<LocalDate, DayView> days = new TreeMap<>();
        for (MenuItem item : menus.items(menu)) {
            DayView day = days.computeIfAbsent(item.day, d -> new DayView(d, new java.util.ArrayList<>(),
                    new java.util.ArrayList<>()));
            (item.meal == Meal.LUNCH ? day.lunch() : day.dinner()).add(item.dishId);
        }
        return new MenuView(menu.id, menu.weekStart, menu.status, menu.publishedAt, List.copyOf(days.values()));
    }
}
