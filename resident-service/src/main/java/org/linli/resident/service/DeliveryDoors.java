package org.linli.resident.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.CallName;
import org.linli.resident.domain.DeliveryRun;
import org.linli.resident.domain.DeliveryRunStop;
import org.linli.resident.domain.Household;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.Resident;

/**
 * The doors of the canteen's delivery runs. The canteen announces a run with ids only (delivery-run.planned.v1); here,
 * where addresses live, a deliverer sees the doors of their own runs on the run's day - building, unit, door and what
 * to call the elder - and the canteen's staff and the community workers see all the day's doors. Reads by anyone but
 * the community workers (who see the same in the registry) are audited, one entry per resident.
 */
@ApplicationScoped
@Transactional
public class DeliveryDoors {

    private static final String[] FIELDS_READ = { "buildingName", "unitName", "door", "callName" };

    private final Caller caller;
    private final AuditTrail audit;

    DeliveryDoors(Caller caller, AuditTrail audit) {
        this.caller = caller;
        this.audit = audit;
    }

    /** A door of a run as the canteen announced it. */
    public record Stop(UUID stopId, int sequence, UUID residentId) {
    }

    /** A run as the canteen announced it at {@code plannedAt}. */
    public record PlannedRun(UUID runId, String communityId, LocalDate date, String delivererKind, String delivererId,
            OffsetDateTime plannedAt, List<Stop> stops) {
    }

    /** Where a resident on a run lives and what to call them; null where the registry does not know. */
    public record Door(UUID residentId, UUID runId, String buildingName, String unitName, String door, String callName) {
    }

    /**
     * Records who carries which residents' lunches that day. A later announcement of the run replaces its deliverer and
     * its stops; an older one (published late) changes nothing.
     */
    public void planned(PlannedRun planned) {
        DeliveryRun run = DeliveryRun.findById(planned.runId(), LockModeType.PESSIMISTIC_WRITE);
        if (run != null && run.isNewerThan(planned.plannedAt())) {
            return;
        }
        if (run == null) {
            run = new DeliveryRun();
            run.id = planned.runId();
        }
        run.communityId = planned.communityId();
        run.runDate = planned.date();
        run.delivererKind = planned.delivererKind();
        run.delivererId = planned.delivererId();
        run.plannedAt = planned.plannedAt();
        run.persist();
        List<UUID> stopIds = planned.stops().stream().map(Stop::stopId).toList();
        if (stopIds.isEmpty()) {
            DeliveryRunStop.delete("runId", run.id);
        } else { // a stop the canteen moved here from another run is on this one now
            DeliveryRunStop.delete("runId = ?1 or id in ?2", run.id, stopIds);
        }
        for (Stop s : planned.stops()) {
            DeliveryRunStop stop = new DeliveryRunStop();
            stop.id = s.stopId();
            stop.runId = run.id;
            stop.sequence = s.sequence();
            stop.residentId = s.residentId();
            stop.persist();
        }
    }

    /**
     * The day's doors the caller may see, run by run in delivery order: a volunteer those of the runs they carry; the
     * canteen's staff and the community workers all of them. Outside the caller's community: 404.
     */
    public List<Door> doors(String communityCode, LocalDate date) {
        OrgUnit community = OrgUnit.community(communityCode).filter(c -> caller.worksIn(c.code))
                .orElseThrow(() -> ResidentScope.notFound("community " + communityCode));
        boolean staff = caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.CANTEEN_STAFF);
        if (!staff && !caller.is(Roles.VOLUNTEER)) {
            throw ResidentScope.notFound("community " + communityCode);
        }
        List<DeliveryRun> runs = staff ? DeliveryRun.ofDay(community.code, date)
                : DeliveryRun.ofVolunteer(community.code, date, caller.subject());
        List<Door> doors = doorsOf(community.code, runs);
        if (!caller.is(Roles.COMMUNITY_WORKER)) {
            doors.stream().map(Door::residentId).distinct().forEach(residentId -> audit.record(
                    AuditTrail.READ_SENSITIVE, community.code, "resident", residentId, FIELDS_READ));
        }
        return doors;
    }

    private static List<Door> doorsOf(String communityCode, List<DeliveryRun> runs) {
        Map<UUID, Integer> runOrder = new HashMap<>();
        runs.forEach(run -> runOrder.put(run.id, runOrder.size()));
        List<DeliveryRunStop> stops = new ArrayList<>(DeliveryRunStop.ofRuns(runOrder.keySet()));
        stops.sort(Comparator.comparing((DeliveryRunStop s) -> runOrder.get(s.runId)).thenComparingInt(s -> s.sequence));
        Set<UUID> residentIds = stops.stream().map(s -> s.residentId).collect(Collectors.toSet());
        Map<UUID, Resident> residents = residentIds.isEmpty() ? Map.of()
                : byId(Resident.<Resident>list("id in ?1 and communityId = ?2", residentIds, communityCode), r -> r.id);
        Set<UUID> householdIds = residents.values().stream().map(r -> r.householdId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<UUID, Household> households = householdIds.isEmpty() ? Map.of()
                : byId(Household.<Household>list("id in ?1", householdIds), h -> h.id);
        Set<UUID> places = households.values().stream().flatMap(h -> Stream.of(h.buildingId, h.unitId))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<UUID, OrgUnit> units = places.isEmpty() ? Map.of() : byId(OrgUnit.<OrgUnit>list("id in ?1", places), u -> u.id);
        List<Door> doors = new ArrayList<>();
        for (DeliveryRunStop stop : stops) {
            Resident resident = residents.get(stop.residentId);
            if (resident == null || !resident.active()) {
                continue; // not (or no longer) living in this community: no door to show
            }
            Household household = resident.householdId == null ? null : households.get(resident.householdId);
            doors.add(new Door(resident.id, stop.runId,
                    household == null || household.buildingId == null ? null : name(units.get(household.buildingId)),
                    household == null ? null : name(units.get(household.unitId)),
                    household == null ? null : household.doorNumber,
                    CallName.of(resident.name, resident.gender)));
        }
        return doors;
    }

    private static String name(OrgUnit unit) {
        return unit == null ? null : unit.name;
    }

    private static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
