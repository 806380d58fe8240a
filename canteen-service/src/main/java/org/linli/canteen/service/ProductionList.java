package org.linli.canteen.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.canteen.domain.DishCategory;
import org.linli.canteen.domain.Meal;

/** What the kitchen cooks on a day: portions per meal and dish, dine-in against delivery, and dietary variants. */
public record ProductionList(String communityId, LocalDate date, List<MealProduction> meals) {

    /**
     * @param variants portions per dietary code (a diner with two codes counts under both)
     * @param groups orders per combination of dietary codes, as the kitchen plates them
     */
    public record MealProduction(Meal meal, long portions, long dineIn, long delivery, Map<String, Long> variants,
            List<DietGroup> groups, List<DishProduction> dishes) {
    }

    /** Orders whose diners share exactly these dietary codes (none: the regular plate). */
    public record DietGroup(List<String> dietaryNeeds, long dineIn, long delivery) {
    }

    /**
     * @param variantPortions portions of this dish to cook differently, per dietary code the dish does not already suit
     */
    public record DishProduction(UUID dishId, String name, DishCategory category, long portions,
            Map<String, Long> variantPortions) {
    }
}
