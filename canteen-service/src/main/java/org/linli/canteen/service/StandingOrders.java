package org.linli.canteen.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Canteen;
import org.linli.canteen.domain.Diner;
import org.linli.canteen.domain.DinerStatus;
import org.linli.canteen.domain.Meal;
import org.linli.canteen.domain.MealOrder;
import org.linli.canteen.domain.OrderStatus;
import org.linli.canteen.domain.Payment;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.domain.StandingOrder;
import org.linli.canteen.domain.StandingOrderChange;
import org.linli.canteen.domain.StandingOrderStatus;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Acting;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/**
 * Standing orders: a diner's lunch every day or on chosen weekdays, paused for a hospital stay, cancelled when they
 * move out. The day's orders are materialised from them, at most once per standing order and day, however often that
 * runs (at the cut-off by a job, or by hand).
 */
@ApplicationScoped
@Transactional
public class StandingOrders {

    static final String SYSTEM = "canteen-service";

    private final CanteenScope scope;
    private final Canteens canteens;
    private final Diners diners;
    private final Orders orders;
    private final MealAccounts accounts;
    private final Clock clock;

    StandingOrders(CanteenScope scope, Canteens canteens, Diners diners, Orders orders, MealAccounts accounts,
            Clock clock) {
        this.scope = scope;
        this.canteens = canteens;
        this.diners = diners;
        this.orders = orders;
        this.accounts = accounts;
        this.clock = clock;
    }

    public record NewStandingOrder(UUID dinerId, ServiceMode service, Set<DayOfWeek> weekdays, LocalDate startsOn,
            LocalDate endsOn) {
    }

    public record Materialised(LocalDate date, List<UUID> orderIds, int alreadyOrdered, int skipped) {
    }

    /**
     * A standing order for a diner: by staff, the elder themself, or a family member with a MEALS link (recorded as
     * createdBy the member, createdFor the diner).
     */
    public StandingOrder create(String communityId, NewStandingOrder request) {
        Acting acting = scope.acting(communityId, request.dinerId())
                .orElseThrow(() -> new NotFoundProblem("No diner " + request.dinerId() + " in your scope"));
        Diner diner = diners.visible(communityId, request.dinerId());
        if (diner.status != DinerStatus.ACTIVE) {
            throw new ConflictProblem("Diner " + diner.residentId + " is " + diner.status);
        }
        if (request.service() == ServiceMode.DELIVERY && !diner.mayHaveDelivery()) {
            throw new ConflictProblem("Delivery is for housebound diners; diner " + diner.residentId + " may dine in");
        }
        LocalDate startsOn = request.startsOn() != null ? request.startsOn() : LocalDate.now(clock).plusDays(1);
        if (request.endsOn() != null && request.endsOn().isBefore(startsOn)) {
            throw new InvalidRequestProblem("endsOn", "is before startsOn");
        }
        if (StandingOrder.count("dinerId = ?1 and status = ?2", diner.residentId, StandingOrderStatus.ACTIVE) > 0) {
            throw new ConflictProblem("Diner " + diner.residentId + " already has a standing order; change or cancel it");
        }
        StandingOrder standing = new StandingOrder();
        standing.id = UUID.randomUUID();
        standing.communityId = communityId;
        standing.dinerId = diner.residentId;
        standing.service = request.service();
        standing.weekdays = request.weekdays() == null ? ""
                : request.weekdays().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        standing.startsOn = startsOn;
        standing.endsOn = request.endsOn();
        standing.status = StandingOrderStatus.ACTIVE;
        standing.createdBy = acting.actor();
        standing.createdFor = CanteenScope.actedFor(acting);
        standing.createdAt = OffsetDateTime.now(clock);
        standing.persist();
        return standing;
    }

    /** No lunch from {@code from} to {@code until} inclusive (open-ended without {@code until}, until resumed). */
    public StandingOrder pause(String communityId, UUID id, LocalDate from, LocalDate until) {
        if (until != null && until.isBefore(from)) {
            throw new InvalidRequestProblem("until", "is before from");
        }
        StandingOrder standing = active(communityId, id);
        standing.pausedFrom = from;
        standing.pausedUntil = until;
        record(standing, StandingOrderChange.Kind.PAUSED, acting(communityId, standing));
        return standing;
    }

    /** Lunch again from {@code on} (tomorrow when not given): the pause ends the day before. */
    public StandingOrder resume(String communityId, UUID id, LocalDate on) {
        StandingOrder standing = active(communityId, id);
        LocalDate from = on != null ? on : LocalDate.now(clock).plusDays(1);
        if (standing.pausedFrom == null) {
            return standing;
        }
        if (!from.isAfter(standing.pausedFrom)) {
            standing.pausedFrom = null;
            standing.pausedUntil = null;
        } else {
            standing.pausedUntil = from.minusDays(1);
        }
        record(standing, StandingOrderChange.Kind.RESUMED, acting(communityId, standing));
        return standing;
    }

    public StandingOrder cancel(String communityId, UUID id) {
        StandingOrder standing = visible(communityId, id);
        if (standing.status == StandingOrderStatus.ACTIVE) {
            record(standing, StandingOrderChange.Kind.CANCELLED, acting(communityId, standing));
        }
        standing.status = StandingOrderStatus.CANCELLED;
        return standing;
    }

    /** Every pause, resume and cancellation of these standing orders, oldest first, by standing order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<StandingOrderChange>> changes(Collection<StandingOrder> standing) {
        if (standing.isEmpty()) {
            return Map.of();
        }
        return StandingOrderChange.<StandingOrderChange>list("standingOrderId in ?1", Sort.by("id"),
                standing.stream().map(s -> s.id).toList()).stream()
                .collect(Collectors.groupingBy(change -> change.standingOrderId, LinkedHashMap::new, Collectors.toList()));
    }

    /** The elder moved out: every standing order ends, and the meals ordered from today on are cancelled. */
    public void movedOut(UUID dinerId) {
        StandingOrder.<StandingOrder>list("dinerId = ?1 and status = ?2", dinerId, StandingOrderStatus.ACTIVE)
                .forEach(standing -> {
                    standing.status = StandingOrderStatus.CANCELLED;
                    record(standing, StandingOrderChange.Kind.CANCELLED, new Acting(SYSTEM, null));
                });
        orders.cancelFutureOrders(dinerId, "MOVED_OUT", SYSTEM);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StandingOrder visible(String communityId, UUID id) {
        StandingOrder standing = StandingOrder.findById(id);
        if (standing == null || !standing.communityId.equals(communityId)
                || !scope.actsFor(communityId, standing.dinerId)) {
            throw new NotFoundProblem("No standing order " + id + " in your scope");
        }
        return standing;
    }

    /**
     * The community's standing orders (staff, district officers), or one diner's: staff, the elder themself and family
     * with a MEALS link may ask for a diner's; 404 otherwise.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StandingOrder> list(String communityId, boolean activeOnly, UUID dinerId) {
        if (dinerId != null && !scope.isStaff() && !scope.isDistrictOfficer()) {
            if (!scope.actsFor(communityId, dinerId)) {
                throw new NotFoundProblem("No diner " + dinerId + " in your scope");
            }
        } else {
            scope.readable(communityId);
        }
        StringBuilder where = new StringBuilder("communityId = :community");
        Map<String, Object> params = new HashMap<>(Map.of("community", communityId));
        if (activeOnly) {
            where.append(" and status = :active");
            params.put("active", StandingOrderStatus.ACTIVE);
        }
        if (dinerId != null) {
            where.append(" and dinerId = :diner");
            params.put("diner", dinerId);
        }
        return StandingOrder.list(where.toString(), Sort.by("createdAt"), params);
    }

    /** The explicit endpoint: the caller manages this canteen. */
    public Materialised materialise(String communityId, LocalDate date) {
        scope.managed(communityId);
        if (date.isBefore(LocalDate.now(clock))) {
            throw new InvalidRequestProblem("date", date + " is past; lunches are placed for today or later");
        }
        return materialiseDay(communityId, date, scope.actor());
    }

    /**
     * Places the day's lunches from the standing orders that want that day, once each: a standing order that already
     * produced an order that day (even one since cancelled), or a diner who already ordered lunch, is left alone. The
     * canteen row is locked, so two runs at once do not race. The elder's part is charged to the meal account when it
     * covers it, otherwise it is paid in cash at the door: a housebound elder never goes without lunch for the balance.
     */
    public Materialised materialiseDay(String communityId, LocalDate date, String actor) {
        Canteen canteen = canteens.locked(communityId);
        List<StandingOrder> standing = StandingOrder.list("communityId = ?1 and status = ?2", communityId,
                StandingOrderStatus.ACTIVE);
        Set<UUID> done = new HashSet<>(MealOrder.getEntityManager().createQuery(
                "select o.standingOrderId from MealOrder o where o.communityId = ?1 and o.mealDate = ?2 "
                        + "and o.standingOrderId is not null", UUID.class)
                .setParameter(1, communityId).setParameter(2, date).getResultList());
        // a diner's lunch that day wherever it was ordered (one lunch per diner per day holds across communities)
        Set<UUID> haveLunch = new HashSet<>(MealOrder.getEntityManager().createQuery(
                "select o.dinerId from MealOrder o where o.dinerId in (select s.dinerId from StandingOrder s "
                        + "where s.communityId = ?1) and o.mealDate = ?2 and o.meal = ?3 and o.status <> ?4", UUID.class)
                .setParameter(1, communityId).setParameter(2, date).setParameter(3, Meal.LUNCH)
                .setParameter(4, OrderStatus.CANCELLED).getResultList());
        List<UUID> created = new java.util.ArrayList<>();
        int already = 0;
        int skipped = 0;
        for (StandingOrder s : standing) {
            if (!s.wants(date)) {
                continue;
            }
            if (done.contains(s.id) || haveLunch.contains(s.dinerId)) {
                already++;
                continue;
            }
            Diner diner = Diner.findById(s.dinerId);
            if (diner.status != DinerStatus.ACTIVE || (s.service == ServiceMode.DELIVERY && !diner.mayHaveDelivery())) {
                skipped++;
                continue;
            }
            long elderPays = canteen.priceFor(diner, s.service).elderPaysFen();
            Payment payment = elderPays == 0 || accounts.covers(diner, elderPays) ? Payment.ACCOUNT : Payment.CASH;
            created.add(orders.placeFor(canteen, diner, date, Meal.LUNCH, s.service, payment, s.id,
                    new Acting(actor, null)).id);
        }
        if (!created.isEmpty()) {
            Log.infof("Materialised %d standing orders of %s for %s", created.size(), communityId, date);
        }
        return new Materialised(date, created, already, skipped);
    }

    private Acting acting(String communityId, StandingOrder standing) {
        return scope.acting(communityId, standing.dinerId)
                .orElseThrow(() -> new NotFoundProblem("No standing order " + standing.id + " in your scope"));
    }

    /** Appends what the change left and who made it, for whom. */
    private void record(StandingOrder standing, StandingOrderChange.Kind kind, Acting acting) {
        StandingOrderChange change = new StandingOrderChange();
        change.standingOrderId = standing.id;
        change.kind = kind;
        change.pausedFrom = standing.pausedFrom;
        change.pausedUntil = standing.pausedUntil;
        change.changedBy = acting.actor();
        change.changedFor = CanteenScope.actedFor(acting);
        change.changedAt = OffsetDateTime.now(clock);
        change.persist();
    }

    private StandingOrder active(String communityId, UUID id) {
        StandingOrder standing = visible(communityId, id);
        if (standing.status != StandingOrderStatus.ACTIVE) {
            throw new ConflictProblem("The standing order is " + standing.status);
        }
        return standing;
    }
}
