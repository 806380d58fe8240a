package org.linli.canteen.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Canteen;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MealOrder;
import org.linli.canteen.domain.OrderStatus;
import org.linli.canteen.domain.Payment;
import org.linli.canteen.domain.Price;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.events.CanteenEvents;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Acting;

import io.quarkus.panache.common.Sort;

/**
 * Meal orders: dine-in or delivery, for a day whose cut-off has not passed; one lunch (and one dinner) per diner per
 * day, kept by a unique index so that concurrent duplicates fail too; cancelled before the cut-off with a refund.
 */
@ApplicationScoped
@Transactional
public class Orders {

    private final CanteenScope scope;
    private final Canteens canteens;
    private final Diners diners;
    private final Menus menus;
    private final MealAccounts accounts;
    private final Outbox outbox;
    private final Clock clock;

    Orders(CanteenScope scope, Canteens canteens, Diners diners, Menus menus, MealAccounts accounts, Outbox outbox,
            Clock clock) {
        this.scope = scope;
        this.canteens = canteens;
        this.diners = diners;
        this.menus = menus;
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewOrder(UUID dinerId, LocalDate date, Meal meal, ServiceMode service, Payment payment) {
    }

    /**
     * Staff order for any diner of their community; an elder for themself only; a family member for a parent they hold
     * a MEALS link for (the order records the member as placedBy and the parent as placedFor).
     */
    public MealOrder place(String communityId, NewOrder request) {
        Acting acting = scope.acting(communityId, request.dinerId())
                .orElseThrow(() -> new NotFoundProblem("No diner " + request.dinerId() + " in your scope"));
        Diner diner = diners.visible(communityId, request.dinerId());
        Canteen canteen = canteens.of(communityId);
        if (!canteens.open(canteen, request.date())) {
            throw new ConflictProblem("Orders for " + request.date() + " closed at " + canteen.cutOff
                    + " that day (community time)");
        }
        if (request.meal() == Meal.DINNER && !menus.offers(communityId, request.date(), Meal.DINNER)) {
            throw new ConflictProblem("The canteen serves no dinner on " + request.date());
        }
        return placeFor(canteen, diner, request.date(), request.meal(), request.service(), request.payment(), null,
                acting);
    }

    /** Places an order without a caller's checks (the standing-order job uses it too). */
    MealOrder placeFor(Canteen canteen, Diner diner, LocalDate date, Meal meal, ServiceMode service, Payment payment,
            UUID standingOrderId, Acting acting) {
        eligible(diner, service);
        // a second lunch that day: refused here, and by the unique index when two orders race
        if (MealOrder.count("dinerId = ?1 and mealDate = ?2 and meal = ?3 and status <> ?4", diner.residentId, date, meal,
                OrderStatus.CANCELLED) > 0) {
            throw duplicate(date, meal);
        }
        Price price = canteen.priceFor(diner, service);
        MealOrder order = new MealOrder();
        order.id = UUID.randomUUID();
        order.communityId = canteen.communityId;
        order.dinerId = diner.residentId;
        order.mealDate = date;
        order.meal = meal;
        order.service = service;
        order.status = OrderStatus.PLACED;
        order.payment = payment;
        order.standingOrderId = standingOrderId;
        order.dietaryNeeds = diner.dietaryNeeds;
        order.buildingId = diner.buildingId;
        order.unitId = diner.unitId;
        order.price(price);
        order.placedBy = acting.actor();
        order.placedFor = CanteenScope.actedFor(acting);
        order.placedAt = OffsetDateTime.now(clock);
        if (payment == Payment.ACCOUNT && price.elderPaysFen() > 0) {
            accounts.charge(diner, order.id, price.elderPaysFen(), acting.actor());
        }
        try {
            order.persistAndFlush();
        } catch (PersistenceException e) {
            if (uniqueViolation(e)) {
                throw duplicate(date, meal);
            }
            throw e;
        }
        outbox.publish(CanteenEvents.ordered(order));
        return order;
    }

    /** Cancels an order before its day's cut-off; what the account paid goes back to it. */
    public MealOrder cancel(String communityId, UUID orderId) {
        MealOrder order = visible(communityId, orderId);
        Acting acting = scope.acting(communityId, order.dinerId)
                .orElseThrow(() -> new NotFoundProblem("No order " + orderId + " in your scope"));
        if (order.status == OrderStatus.CANCELLED) {
            return order;
        }
        if (order.status != OrderStatus.PLACED) {
            throw new ConflictProblem("An order that is " + order.status + " cannot be cancelled");
        }
        Canteen canteen = canteens.of(communityId);
        if (!canteens.open(canteen, order.mealDate)) {
            throw new ConflictProblem("The cut-off for " + order.mealDate + " (" + canteen.cutOff
                    + " community time) has passed; the meal is being cooked");
        }
        close(order, "CANCELLED", acting);
        return order;
    }

    /** Cancels a diner's orders from today on (they moved out); refunds what the account paid. */
    public void cancelFutureOrders(UUID dinerId, String reason, String actor) {
        List<MealOrder> open = MealOrder.list("dinerId = ?1 and status = ?2 and mealDate >= ?3", dinerId,
                OrderStatus.PLACED, LocalDate.now(clock));
        open.forEach(order -> close(order, reason, new Acting(actor, null)));
    }

    /** Dine-in check-off at the counter (meal.served.v1); checking off again changes nothing. */
    public MealOrder serve(String communityId, UUID orderId) {
        scope.operated(communityId);
        MealOrder order = visible(communityId, orderId);
        if (order.status == OrderStatus.SERVED) {
            return order;
        }
        if (order.service != ServiceMode.DINE_IN || order.status != OrderStatus.PLACED) {
            throw new ConflictProblem("Only a placed dine-in order is served at the counter; this one is "
                    + order.service + " and " + order.status);
        }
        order.status = OrderStatus.SERVED;
        order.closedAt = OffsetDateTime.now(clock);
        outbox.publish(CanteenEvents.served(order));
        return order;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MealOrder visible(String communityId, UUID orderId) {
        MealOrder order = MealOrder.findById(orderId);
        if (order == null || !order.communityId.equals(communityId)) {
            throw new NotFoundProblem("No order " + orderId + " in your scope");
        }
        diners.visible(communityId, order.dinerId); // the same scope as the diner's
        return order;
    }

    /** A day's orders (staff, district), or one diner's (the elder sees their own only). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MealOrder> list(String communityId, LocalDate date, UUID dinerId, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("communityId = :community");
        params.put("community", communityId);
        if (scope.isStaff() || scope.isDistrictOfficer()) {
            scope.readable(communityId);
        } else if (dinerId == null || !scope.actsFor(communityId, dinerId)) {
            throw new NotFoundProblem("No diner " + dinerId + " in your scope");
        }
        if (date != null) {
            where.append(" and mealDate = :date");
            params.put("date", date);
        }
        if (dinerId != null) {
            where.append(" and dinerId = :diner");
            params.put("diner", dinerId);
        }
        return MealOrder.<MealOrder>find(where.toString(), Sort.by("mealDate").and("placedAt").and("id"), params)
                .page(page, size).list();
    }

    private void close(MealOrder order, String reason, Acting acting) {
        order.status = OrderStatus.CANCELLED;
        order.closedAt = OffsetDateTime.now(clock);
        order.cancelledBy = acting.actor();
        order.cancelledFor = CanteenScope.actedFor(acting);
        long refunded = accounts.refund(Diner.findById(order.dinerId), order.id, acting.actor());
        outbox.publish(CanteenEvents.cancelled(order, reason, refunded));
    }

    private static void eligible(Diner diner, ServiceMode service) {
        if (diner.status != DinerStatus.ACTIVE) {
            throw new ConflictProblem("Diner " + diner.residentId + " is " + diner.status + " and cannot order");
        }
        if (service == ServiceMode.DELIVERY && !diner.mayHaveDelivery()) {
            throw new ConflictProblem("Delivery is for housebound diners; diner " + diner.residentId
                    + " may dine in");
        }
    }

    private static ConflictProblem duplicate(LocalDate date, Meal meal) {
        return new ConflictProblem("The diner already has " + meal + " on " + date + " (one per day)");
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
