package org.linli.canteen.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.DelivererKind;
import org.linli.canteen.domain.DeliveryRun;
import org.linli.canteen.domain.DeliveryStop;
import org.linli.canteen.domain.MealOrder;
import org.linli.canteen.domain.OrderStatus;
import org.linli.canteen.domain.ServiceMode;
import org.linli.canteen.domain.WelfareCheck;
import org.linli.canteen.events.CanteenEvents;
import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.panache.common.Sort;

/**
 * Delivery runs with a welfare check at each door. Each order is on at most one run and gets at most one outcome:
 * repeating the same outcome changes nothing and answers the same; a different second outcome is a conflict.
 */
@ApplicationScoped
@Transactional
public class Deliveries {

    private final CanteenScope scope;
    private final Canteens canteens;
    private final Outbox outbox;
    private final Clock clock;

    Deliveries(CanteenScope scope, Canteens canteens, Outbox outbox, Clock clock) {
        this.scope = scope;
        this.canteens = canteens;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record RunWithStops(DeliveryRun run, List<DeliveryStop> stops) {
    }

    /**
     * Puts the day's delivery orders that are on no run yet (in these buildings, when given) on a new run for this
     * deliverer, door to door by building and stairwell, and publishes delivery-run.planned.v1 (who carries which
     * diners' lunches that day, ids only) so resident-service can show the deliverer those doors.
     */
    public RunWithStops plan(String communityId, LocalDate date, DelivererKind kind, String delivererId,
            List<UUID> buildingIds) {
        scope.managed(communityId);
        canteens.locked(communityId); // one planner at a time per canteen: an order lands on one run
        Map<String, Object> params = new HashMap<>();
        params.put("community", communityId);
        params.put("date", date);
        params.put("delivery", ServiceMode.DELIVERY);
        params.put("placed", OrderStatus.PLACED);
        String where = "from MealOrder o where o.communityId = :community and o.mealDate = :date "
                + "and o.service = :delivery and o.status = :placed "
                + "and not exists (select 1 from DeliveryStop s where s.orderId = o.id)";
        if (buildingIds != null && !buildingIds.isEmpty()) {
            where += " and o.buildingId in :buildings";
            params.put("buildings", buildingIds);
        }
        List<MealOrder> orders = MealOrder.<MealOrder>find(where + " order by o.buildingId nulls last, o.unitId nulls last, o.id",
                params).list();
        if (orders.isEmpty()) {
            throw new ConflictProblem("No delivery order of " + date + " is waiting for a run"
                    + (buildingIds == null || buildingIds.isEmpty() ? "" : " in those buildings"));
        }
        DeliveryRun run = new DeliveryRun();
        run.id = UUID.randomUUID();
        run.communityId = communityId;
        run.runDate = date;
        run.delivererKind = kind;
        run.delivererId = delivererId;
        run.createdBy = scope.actor();
        run.createdAt = OffsetDateTime.now(clock);
        run.persist();
        int sequence = 0;
        for (MealOrder order : orders) {
            DeliveryStop stop = new DeliveryStop();
            stop.id = UUID.randomUUID();
            stop.runId = run.id;
            stop.orderId = order.id;
            stop.dinerId = order.dinerId;
            stop.sequence = ++sequence;
            stop.buildingId = order.buildingId;
            stop.unitId = order.unitId;
            stop.dietaryNeeds = order.dietaryNeeds;
            stop.persist();
        }
        List<DeliveryStop> stops = stops(run);
        outbox.publish(CanteenEvents.runPlanned(run, stops));
        return new RunWithStops(run, stops);
    }

    /** The day's runs: all of them for the canteen's staff and the district, only their own for a volunteer. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryRun> runs(String communityId, LocalDate date) {
        if (scope.isStaff() || scope.isDistrictOfficer()) {
            scope.readable(communityId);
            return DeliveryRun.list("communityId = ?1 and runDate = ?2", Sort.by("createdAt"), communityId, date);
        }
        return DeliveryRun.list("communityId = ?1 and runDate = ?2 and delivererKind = ?3 and delivererId = ?4",
                Sort.by("createdAt"), communityId, date, DelivererKind.VOLUNTEER, scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RunWithStops run(String communityId, UUID runId) {
        DeliveryRun run = visible(communityId, runId);
        return new RunWithStops(run, stops(run));
    }

    /** The deliverer records what they found at the door: meal.delivered.v1, or meal.delivery-missed.v1. */
    public DeliveryStop record(String communityId, UUID runId, UUID stopId, WelfareCheck check, String note) {
        DeliveryRun run = visible(communityId, runId);
        DeliveryStop stop = DeliveryStop.findById(stopId, LockModeType.PESSIMISTIC_WRITE);
        if (stop == null || !stop.runId.equals(run.id)) {
            throw new NotFoundProblem("No stop " + stopId + " on run " + runId);
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (stop.welfareCheck != null) {
            if (stop.welfareCheck == check && (cleanNote == null || Objects.equals(cleanNote, stop.note))) {
                return stop; // a retried confirmation: the same answer, nothing new
            }
            throw new ConflictProblem("This door was already recorded as " + stop.welfareCheck);
        }
        MealOrder order = MealOrder.findById(stop.orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order.status != OrderStatus.PLACED) {
            throw new ConflictProblem("Order " + order.id + " is " + order.status);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        stop.welfareCheck = check;
        stop.note = cleanNote;
        stop.recordedBy = scope.actor();
        stop.recordedAt = now;
        order.closedAt = now;
        if (check.delivered()) {
            order.status = OrderStatus.DELIVERED;
            UUID volunteerId = run.delivererKind == DelivererKind.VOLUNTEER ? UUID.fromString(run.delivererId) : null;
            outbox.publish(CanteenEvents.delivered(order, run.id,
                    new CanteenEvents.Deliverer(run.delivererKind.name(), run.delivererId), volunteerId, check.name()));
        } else {
            order.status = OrderStatus.MISSED;
            outbox.publish(CanteenEvents.deliveryMissed(order, run.id));
        }
        return stop;
    }

    /** Staff of the canteen see every run; a deliverer only their own (anything else is a 404). */
    private DeliveryRun visible(String communityId, UUID runId) {
        DeliveryRun run = DeliveryRun.findById(runId);
        if (run == null || !run.communityId.equals(communityId) || !mayOpen(run)) {
            throw new NotFoundProblem("No delivery run " + runId + " in your scope");
        }
        return run;
    }

    private boolean mayOpen(DeliveryRun run) {
        if ((scope.isStaff() && scope.worksIn(run.communityId)) || scope.isGateway()) {
            return true;
        }
        if (scope.isDistrictOfficer()) {
            return canteens.of(run.communityId).districtId != null
                    && scope.mayRead(run.communityId, canteens.of(run.communityId).districtId);
        }
        return scope.isVolunteer() && run.delivererKind == DelivererKind.VOLUNTEER
                && run.delivererId.equals(scope.actor());
    }

    private static List<DeliveryStop> stops(DeliveryRun run) {
        return DeliveryStop.list("runId", Sort.by("sequence"), run.id);
    }
}
