package org.linli.canteen.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Dish;
import org.linli.canteen.domain.DishCategory;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MenuItem;
import org.linli.canteen.domain.MenuStatus;
import org.linli.canteen.domain.Suitability;
import org.linli.canteen.domain.WeeklyMenu;
import org.linli.canteen.events.CanteenEvents;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.panache.common.Sort;

/**
 * Dishes and weekly menus. A week's menu is published only when no dish repeats within the week and every day's
 * lunch has at least one meat and one vegetable dish; the refusal names each day and dish that breaks a rule.
 */
@ApplicationScoped
@Transactional
public class Menus {

    private final CanteenScope scope;
    private final Outbox outbox;
    private final Clock clock;

    Menus(CanteenScope scope, Outbox outbox, Clock clock) {
        this.scope = scope;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewDish(String name, DishCategory category, List<String> allergens, List<Suitability> suitability) {
    }

    public record DayPlan(LocalDate date, List<UUID> lunch, List<UUID> dinner) {
    }

    /** One day of a published menu: its lunch and dinner dishes in menu order (dinner may be empty). */
    public record MenuDay(LocalDate date, List<Dish> lunch, List<Dish> dinner) {
    }

    /** A published week's menu as the people who eat read it. */
    public record PublishedMenu(LocalDate weekStart, OffsetDateTime publishedAt, List<MenuDay> days) {
    }

    public Dish addDish(String communityId, NewDish request) {
        scope.managed(communityId);
        Dish dish = new Dish();
        dish.id = UUID.randomUUID();
        dish.communityId = communityId;
        describe(dish, request);
        dish.createdAt = OffsetDateTime.now(clock);
        dish.persist();
        return dish;
    }

    /**
     * Corrects a dish: its name, category, allergens and suitability. Menus name dishes by id, so published weeks show
     * the corrected dish (an allergen found later must reach the diners who read the week).
     */
    public Dish changeDish(String communityId, UUID dishId, NewDish request) {
        scope.managed(communityId);
        Dish dish = Dish.<Dish>find("id = ?1 and communityId = ?2", dishId, communityId).firstResultOptional()
                .orElseThrow(() -> new NotFoundProblem("No dish " + dishId + " in this canteen"));
        describe(dish, request);
        return dish;
    }

    private static void describe(Dish dish, NewDish request) {
        String name = request.name().strip();
        if (Dish.count("communityId = ?1 and lower(name) = ?2 and id <> ?3", dish.communityId, name.toLowerCase(),
                dish.id) > 0) {
            throw new ConflictProblem("The canteen already has a dish named '" + name + "'");
        }
        dish.name = name;
        dish.category = request.category();
        dish.allergens = request.allergens() == null ? ""
                : request.allergens().stream().map(String::strip).filter(a -> !a.isEmpty()).distinct()
                        .collect(Collectors.joining(","));
        dish.suitability = request.suitability() == null ? ""
                : request.suitability().stream().distinct().map(Enum::name).collect(Collectors.joining(","));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Dish> dishes(String communityId) {
        scope.readable(communityId);
        return Dish.list("communityId", Sort.by("category").and("name"), communityId);
    }

    /** Writes (or rewrites) a draft menu for the week starting on {@code weekStart}, a Monday. */
    public WeeklyMenu draft(String communityId, LocalDate weekStart, List<DayPlan> days) {
        scope.managed(communityId);
        requireMonday(weekStart);
        Map<UUID, Dish> dishes = dishesOf(communityId);
        WeeklyMenu menu = WeeklyMenu.find("communityId = ?1 and weekStart = ?2", communityId, weekStart).firstResult();
        if (menu == null) {
            menu = new WeeklyMenu();
            menu.id = UUID.randomUUID();
            menu.communityId = communityId;
            menu.weekStart = weekStart;
            menu.status = MenuStatus.DRAFT;
        } else if (menu.status == MenuStatus.PUBLISHED) {
            throw new ConflictProblem("The menu of the week of " + weekStart + " is published and can no longer change");
        }
        menu.updatedAt = OffsetDateTime.now(clock);
        menu.persist();
        MenuItem.delete("menuId", menu.id);
        Set<LocalDate> seen = new java.util.HashSet<>();
        for (DayPlan day : days) {
            if (day.date().isBefore(weekStart) || day.date().isAfter(weekStart.plusDays(6))) {
                throw new InvalidRequestProblem("days", day.date() + " is not in the week of " + weekStart);
            }
            if (!seen.add(day.date())) {
                throw new InvalidRequestProblem("days", day.date() + " is planned twice");
            }
            add(menu, day.date(), Meal.LUNCH, day.lunch(), dishes);
            add(menu, day.date(), Meal.DINNER, day.dinner(), dishes);
        }
        return menu;
    }

    /** Publishes the week's menu if it keeps the rules (menu.published.v1); publishing it again changes nothing. */
    public WeeklyMenu publish(String communityId, LocalDate weekStart) {
        scope.managed(communityId);
        WeeklyMenu menu = menu(communityId, weekStart);
        if (menu.status == MenuStatus.PUBLISHED) {
            return menu;
        }
        List<MenuItem> items = items(menu);
        Map<UUID, Dish> dishes = dishesOf(communityId);
        List<String> broken = brokenRules(weekStart, items, dishes);
        if (!broken.isEmpty()) {
            throw new ConflictProblem("The menu of the week of " + weekStart + " cannot be published: "
                    + String.join("; ", broken));
        }
        menu.status = MenuStatus.PUBLISHED;
        menu.publishedAt = OffsetDateTime.now(clock);
        menu.updatedAt = menu.publishedAt;
        Map<String, List<MenuItem>> byMeal = items.stream()
                .collect(Collectors.groupingBy(i -> i.day + "/" + i.meal, LinkedHashMap::new, Collectors.toList()));
        List<CanteenEvents.MenuMeal> meals = byMeal.values().stream()
                .map(list -> new CanteenEvents.MenuMeal(list.get(0).day, list.get(0).meal, list.stream()
                        .map(i -> dishes.get(i.dishId))
                        .map(d -> new CanteenEvents.MenuDish(d.id, d.category, d.suitabilityList())).toList()))
                .toList();
        outbox.publish(CanteenEvents.menuPublished(new CanteenEvents.MenuPublished(menu.id, communityId, weekStart, meals)));
        return menu;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WeeklyMenu visible(String communityId, LocalDate weekStart) {
        scope.readable(communityId);
        return menu(communityId, weekStart);
    }

    /**
     * The week's published menu with its dishes, for those who eat (see {@link CanteenScope#publishedMenuReadable}); a
     * draft is the kitchen's business and, like no menu at all, not found.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PublishedMenu published(String communityId, LocalDate weekStart) {
        scope.publishedMenuReadable(communityId);
        requireMonday(weekStart);
        WeeklyMenu menu = WeeklyMenu.find("communityId = ?1 and weekStart = ?2", communityId, weekStart).firstResult();
        if (menu == null || menu.status != MenuStatus.PUBLISHED) {
            throw new NotFoundProblem("The menu for the week of " + weekStart + " is not published yet");
        }
        Map<UUID, Dish> dishes = dishesOf(communityId);
        Map<LocalDate, MenuDay> days = new TreeMap<>();
        for (MenuItem item : items(menu)) {
            MenuDay day = days.computeIfAbsent(item.day, d -> new MenuDay(d, new ArrayList<>(), new ArrayList<>()));
            (item.meal == Meal.LUNCH ? day.lunch() : day.dinner()).add(dishes.get(item.dishId));
        }
        return new PublishedMenu(menu.weekStart, menu.publishedAt, List.copyOf(days.values()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MenuItem> items(WeeklyMenu menu) {
        return MenuItem.list("menuId", Sort.by("day").and("meal").and("position"), menu.id);
    }

    /** The dishes of one meal of one day (the published menu's, else the draft's), in menu order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Dish> dishesOn(String communityId, LocalDate day, Meal meal) {
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        WeeklyMenu menu = WeeklyMenu.find("communityId = ?1 and weekStart = ?2", communityId, monday).firstResult();
        if (menu == null) {
            return List.of();
        }
        return Dish.getEntityManager().createQuery("select d from MenuItem i, Dish d where d.id = i.dishId "
                + "and i.menuId = ?1 and i.day = ?2 and i.meal = ?3 order by i.position", Dish.class)
                .setParameter(1, menu.id).setParameter(2, day).setParameter(3, meal).getResultList();
    }

    /** Whether the published menu offers this meal on this day (dinner is optional). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean offers(String communityId, LocalDate day, Meal meal) {
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        return MenuItem.count("menuId in (select m.id from WeeklyMenu m where m.communityId = ?1 and m.weekStart = ?2 "
                + "and m.status = ?3) and day = ?4 and meal = ?5", communityId, monday, MenuStatus.PUBLISHED, day, meal) > 0;
    }

    static List<String> brokenRules(LocalDate weekStart, List<MenuItem> items, Map<UUID, Dish> dishes) {
        List<String> broken = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate day = weekStart.plusDays(d);
            List<Dish> lunch = items.stream().filter(i -> i.day.equals(day) && i.meal == Meal.LUNCH)
                    .map(i -> dishes.get(i.dishId)).toList();
            String label = day + " (" + day.getDayOfWeek() + ")";
            if (lunch.isEmpty()) {
                broken.add(label + " has no lunch");
                continue;
            }
            if (lunch.stream().noneMatch(x -> x.category == DishCategory.MEAT)) {
                broken.add(label + " lunch has no meat dish");
            }
            if (lunch.stream().noneMatch(x -> x.category == DishCategory.VEGETABLE)) {
                broken.add(label + " lunch has no vegetable dish");
            }
        }
        Map<UUID, MenuItem> first = new HashMap<>();
        for (MenuItem item : items) {
            MenuItem earlier = first.putIfAbsent(item.dishId, item);
            if (earlier != null) {
                Dish dish = dishes.get(item.dishId);
                broken.add("dish '" + dish.name + "' (" + dish.id + ") repeats on " + item.day + " (" + item.day.getDayOfWeek()
                        + ") " + item.meal + ", first served " + earlier.day + " (" + earlier.day.getDayOfWeek() + ") "
                        + earlier.meal);
            }
        }
        return broken;
    }

    private WeeklyMenu menu(String communityId, LocalDate weekStart) {
        WeeklyMenu menu = WeeklyMenu.find("communityId = ?1 and weekStart = ?2", communityId, weekStart).firstResult();
        if (menu == null) {
            throw new NotFoundProblem("No menu for the week of " + weekStart);
        }
        return menu;
    }

    private void add(WeeklyMenu menu, LocalDate day, Meal meal, List<UUID> dishIds, Map<UUID, Dish> dishes) {
        if (dishIds == null) {
            return;
        }
        int position = 0;
        for (UUID dishId : dishIds) {
            if (!dishes.containsKey(dishId)) {
                throw new NotFoundProblem("No dish " + dishId + " in this canteen");
            }
            MenuItem item = new MenuItem();
            item.menuId = menu.id;
            item.day = day;
            item.meal = meal;
            item.dishId = dishId;
            item.position = position++;
            item.persist();
        }
    }

    private static Map<UUID, Dish> dishesOf(String communityId) {
        return Dish.<Dish>list("communityId", communityId).stream().collect(Collectors.toMap(d -> d.id, d -> d));
    }

    private static void requireMonday(LocalDate weekStart) {
        if (weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new InvalidRequestProblem("weekStart", "a week starts on a Monday; " + weekStart + " is a " + weekStart.getDayOfWeek());
        }
    }
}
