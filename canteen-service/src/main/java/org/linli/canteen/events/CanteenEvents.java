package org.linli.canteen.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.linli.canteen.domain.DelivererKind;
import org.linli.canteen.domain.DeliveryRun;
import org.linli.canteen.domain.DeliveryStop;
import org.linli.canteen.domain.DishCategory;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MealOrder;
import org.linli.canteen.domain.Price;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.domain.Suitability;
import org.linli.platform.events.OutgoingEvent;

/**
 * Canteen events on {@value #TOPIC}: meal events keyed by orderId, menus by menuId, delivery runs by runId. Ids, codes
 * and amounts only: no names, no doors, and a welfare concern's note stays in canteen-service.
 */
public final class CanteenEvents {

    public static final String TOPIC = "linli.canteen.events";
    public static final String MENU_PUBLISHED = "menu.published.v1";
    public static final String MEAL_ORDERED = "meal.ordered.v1";
    public static final String MEAL_CANCELLED = "meal.cancelled.v1";
    public static final String MEAL_SERVED = "meal.served.v1";
    public static final String MEAL_DELIVERED = "meal.delivered.v1";
    public static final String MEAL_DELIVERY_MISSED = "meal.delivery-missed.v1";
    public static final String DELIVERY_RUN_PLANNED = "delivery-run.planned.v1";
    public static final String SETTLEMENT_CLOSED = "settlement.closed.v1";

    private CanteenEvents() {
    }

    public record MenuDish(UUID dishId, DishCategory category, List<Suitability> suitability) {
    }

    public record MenuMeal(LocalDate date, Meal meal, List<MenuDish> dishes) {
    }

    public record MenuPublished(UUID menuId, String communityId, LocalDate weekStart, List<MenuMeal> meals) {
    }

    public record MealOrdered(UUID orderId, UUID dinerId, String communityId, LocalDate mealDate, Meal meal,
            ServiceMode service, UUID standingOrderId, List<String> dietaryNeeds, Price price) {
    }

    public record MealCancelled(UUID orderId, UUID dinerId, String communityId, LocalDate mealDate, Meal meal,
            String reason, long refundedFen) {
    }

    public record MealServed(UUID orderId, UUID dinerId, String communityId, LocalDate mealDate, Meal meal,
            OffsetDateTime servedAt, Price price) {
    }

    public record Deliverer(String kind, String id) {
    }

    public record MealDelivered(UUID orderId, UUID dinerId, String communityId, LocalDate mealDate, UUID runId,
            Deliverer deliveredBy, UUID volunteerId, String welfareCheck, OffsetDateTime deliveredAt, Price price) {
    }

    public record MealDeliveryMissed(UUID orderId, UUID dinerId, String communityId, LocalDate mealDate, UUID runId,
            OffsetDateTime attemptedAt) {
    }

    /** A door of a run, as ids: the stop, its place in the round, and the diner (their resident id). */
    public record RunStop(UUID stopId, int sequence, UUID residentId) {
    }

    public record DeliveryRunPlanned(UUID runId, String communityId, LocalDate date, DelivererKind delivererKind,
            String delivererId, List<RunStop> stops) {
    }

    /** One sponsor's part of a closed settlement: the meals it paid a share of and what that came to. */
    public record SponsorPart(String sponsorId, long meals, long sponsorFen) {
    }

    /**
     * A community's day ({@code kind} DAY, {@code period} 2026-11-30) or month (MONTH, 2026-11) closed, with its
     * settlement: meals served and delivered, in integer fen {@code totalFen = elderPaidFen + subsidyFen + sponsorFen},
     * and each sponsor's part. Counts and amounts only: no diner, no deliverer.
     */
    public record SettlementClosed(String communityId, String period, String kind, LocalDate from, LocalDate to,
            long meals, long dineIn, long delivered, long missedDeliveries, long totalFen, long elderPaidFen,
            long subsidyFen, long sponsorFen, List<SponsorPart> sponsors, OffsetDateTime closedAt) {
    }

    public static OutgoingEvent menuPublished(MenuPublished menu) {
        return new OutgoingEvent(TOPIC, MENU_PUBLISHED, menu.menuId().toString(), "menus/" + menu.menuId(),
                menu.communityId(), menu);
    }

    public static OutgoingEvent ordered(MealOrder o) {
        return meal(MEAL_ORDERED, o, new MealOrdered(o.id, o.dinerId, o.communityId, o.mealDate, o.meal, o.service,
                o.standingOrderId, o.dietaryCodes(), o.price()));
    }

    public static OutgoingEvent cancelled(MealOrder o, String reason, long refundedFen) {
        return meal(MEAL_CANCELLED, o, new MealCancelled(o.id, o.dinerId, o.communityId, o.mealDate, o.meal, reason,
                refundedFen));
    }

    public static OutgoingEvent served(MealOrder o) {
        return meal(MEAL_SERVED, o, new MealServed(o.id, o.dinerId, o.communityId, o.mealDate, o.meal, utc(o.closedAt),
                o.price()));
    }

    public static OutgoingEvent delivered(MealOrder o, UUID runId, Deliverer deliverer, UUID volunteerId,
            String welfareCheck) {
        return meal(MEAL_DELIVERED, o, new MealDelivered(o.id, o.dinerId, o.communityId, o.mealDate, runId, deliverer,
                volunteerId, welfareCheck, utc(o.closedAt), o.price()));
    }

    public static OutgoingEvent deliveryMissed(MealOrder o, UUID runId) {
        return meal(MEAL_DELIVERY_MISSED, o, new MealDeliveryMissed(o.id, o.dinerId, o.communityId, o.mealDate, runId,
                utc(o.closedAt)));
    }

    /** Who carries which diners' lunches on which day; the whole run, so a later event replaces an earlier one. */
    public static OutgoingEvent runPlanned(DeliveryRun run, List<DeliveryStop> stops) {
        return new OutgoingEvent(TOPIC, DELIVERY_RUN_PLANNED, run.id.toString(), "delivery-runs/" + run.id,
                run.communityId, new DeliveryRunPlanned(run.id, run.communityId, run.runDate, run.delivererKind,
                        run.delivererId, stops.stream().map(s -> new RunStop(s.id, s.sequence, s.dinerId)).toList()));
    }

    /** Keyed by the community: a community's closings stay in order (its days before the month they end). */
    public static OutgoingEvent settlementClosed(SettlementClosed closed) {
        return new OutgoingEvent(TOPIC, SETTLEMENT_CLOSED, closed.communityId(),
                "settlements/" + closed.communityId() + "/" + closed.period(), closed.communityId(),
                new SettlementClosed(closed.communityId(), closed.period(), closed.kind(), closed.from(), closed.to(),
                        closed.meals(), closed.dineIn(), closed.delivered(), closed.missedDeliveries(), closed.totalFen(),
                        closed.elderPaidFen(), closed.subsidyFen(), closed.sponsorFen(), closed.sponsors(),
                        utc(closed.closedAt())));
    }

    /** Event timestamps are RFC 3339 in UTC, whatever zone the community clock runs in. */
    private static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    private static OutgoingEvent meal(String type, MealOrder o, Object data) {
        return new OutgoingEvent(TOPIC, type, o.id.toString(), "orders/" + o.id, o.communityId, data);
    }
}
