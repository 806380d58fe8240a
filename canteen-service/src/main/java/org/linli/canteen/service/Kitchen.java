package org.linli.canteen.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Dish;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.domain.Suitability;

/** The day's production list from one SQL aggregate over the day's orders (an index on community and day). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Kitchen {

    private final CanteenScope scope;
    private final Menus menus;
    private final EntityManager entityManager;

    Kitchen(CanteenScope scope, Menus menus, EntityManager entityManager) {
        this.scope = scope;
        this.menus = menus;
        this.entityManager = entityManager;
    }

    public ProductionList productionList(String communityId, LocalDate date) {
        scope.readable(communityId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select meal, service, dietary_needs, count(*) "
                + "from meal_order where community_id = ?1 and meal_date = ?2 and status <> 'CANCELLED' "
                + "group by meal, service, dietary_needs order by meal, dietary_needs")
                .setParameter(1, communityId).setParameter(2, date).getResultList();
        Map<Meal, List<Object[]>> byMeal = new EnumMap<>(Meal.class);
        for (Object[] row : rows) {
            byMeal.computeIfAbsent(Meal.valueOf((String) row[0]), m -> new ArrayList<>()).add(row);
        }
        List<ProductionList.MealProduction> meals = new ArrayList<>();
        byMeal.forEach((meal, mealRows) -> meals.add(meal(communityId, date, meal, mealRows)));
        return new ProductionList(communityId, date, meals);
    }

    private ProductionList.MealProduction meal(String communityId, LocalDate date, Meal meal, List<Object[]> rows) {
        long dineIn = 0;
        long delivery = 0;
        Map<String, Long> variants = new TreeMap<>();
        Map<String, long[]> groups = new TreeMap<>();
        for (Object[] row : rows) {
            boolean delivered = ServiceMode.DELIVERY.name().equals(row[1]);
            String needs = (String) row[2];
            long count = ((Number) row[3]).longValue();
            if (delivered) {
                delivery += count;
            } else {
                dineIn += count;
            }
            groups.computeIfAbsent(needs, n -> new long[2])[delivered ? 1 : 0] += count;
            for (String code : codes(needs)) {
                variants.merge(code, count, Long::sum);
            }
        }
        long portions = dineIn + delivery;
        List<ProductionList.DietGroup> dietGroups = groups.entrySet().stream()
                .map(e -> new ProductionList.DietGroup(codes(e.getKey()), e.getValue()[0], e.getValue()[1])).toList();
        List<ProductionList.DishProduction> dishes = new ArrayList<>();
        for (Dish dish : menus.dishesOn(communityId, date, meal)) {
            List<String> suits = dish.suitabilityList().stream().map(Suitability::dietaryCode).toList();
            Map<String, Long> variantPortions = variants.entrySet().stream().filter(v -> !suits.contains(v.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
            dishes.add(new ProductionList.DishProduction(dish.id, dish.name, dish.category, portions, variantPortions));
        }
        return new ProductionList.MealProduction(meal, portions, dineIn, delivery, variants, dietGroups, dishes);
    }

    private static List<String> codes(String needs) {
        return needs == null || needs.isEmpty() ? List.of() : Arrays.asList(needs.split(","));
    }
}
