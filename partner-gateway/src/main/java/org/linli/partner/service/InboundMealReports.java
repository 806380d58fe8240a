package org.linli.partner.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.partner.domain.Partner;
import org.linli.partner.domain.PartnerKind;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Lunches a canteen operator running a community's kitchen reports as served (dine-in, checked off at the counter) and
 * delivered (a delivery run's doors, with the welfare check), signed as Standard Webhooks specifies with the operator's
 * inbound secret. A report is taken only if its signature verifies, its timestamp is within the tolerance and its
 * webhook-id is new (else 401 / 409, and nothing happens), and only for a community the operator serves (else 404).
 * Each item then becomes canteen-service's own call (the check-off, the door's outcome) with the gateway's token,
 * idempotently: an item done before is reported "already" and sent nowhere, so a repeated report changes nothing.
 * When canteen-service cannot take an item the report is answered 503 and its webhook-id is given back, so the operator
 * sends it again unchanged.
 */
@ApplicationScoped
public class InboundMealReports {

    static final int MAX_ITEMS = 200;
    static final Set<String> WELFARE_CHECKS = Set.of("OK", "CONCERN", "NO_ANSWER");

    private final SignedInbound inbound;
    private final CanteenReports canteen;
    private final ObjectMapper mapper;

    InboundMealReports(SignedInbound inbound, CanteenReports canteen, ObjectMapper mapper) {
        this.inbound = inbound;
        this.canteen = canteen;
        this.mapper = mapper;
    }

    /** A meal report as the operator posts it (the body they sign). */
    public record MealReport(String reportId, String communityId, List<UUID> served, List<Door> deliveries) {
    }

    /** A door of a delivery run: what the deliverer found (OK, CONCERN with a note, NO_ANSWER). */
    public record Door(UUID runId, UUID stopId, String welfareCheck, String note) {
    }

    /** What became of a served item. */
    public record ServedResult(UUID orderId, String result, String reason) {
    }

    /** What became of a door. */
    public record DoorResult(UUID runId, UUID stopId, String welfareCheck, String result, String reason) {
    }

    /** The answer to a report: every item with done, already or refused (and why). */
    public record Receipt(String reportId, String communityId, List<ServedResult> served, List<DoorResult> deliveries) {
    }

    public Receipt receive(String partnerId, String webhookId, String timestamp, String signature, String body) {
        // verified, read and the webhook-id taken in one transaction: a refused message leaves no trace
        MealReport report = QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = inbound.verify(partnerId, PartnerKind.CANTEEN_OPERATOR, webhookId, timestamp, signature,
                    body);
            inbound.take(partner, webhookId, "meal-report");
            MealReport read = read(body);
            if (!partner.serves(read.communityId())) {
                throw new NotFoundProblem("No community " + read.communityId() + " among the partner's");
            }
            return read;
        });
        Receipt receipt;
        try {
            receipt = apply(report);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> inbound.release(partnerId, webhookId));
            throw e;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        receipt.served().forEach(r -> counts.merge(r.result(), 1, Integer::sum));
        receipt.deliveries().forEach(r -> counts.merge(r.result(), 1, Integer::sum));
        String outcome = "meal-report " + report.reportId() + " " + counts;
        QuarkusTransaction.requiringNew().run(() -> inbound.outcome(partnerId, webhookId, outcome));
        Log.infof("Meal report %s of partner %s for %s: %s", report.reportId(), partnerId, report.communityId(), counts);
        return receipt;
    }

    private Receipt apply(MealReport report) {
        List<ServedResult> served = new ArrayList<>();
        for (UUID order : new LinkedHashSet<>(report.served())) {
            CanteenReports.Outcome outcome = canteen.serve(report.communityId(), order);
            served.add(new ServedResult(order, name(outcome.result()), outcome.reason()));
        }
        List<DoorResult> doors = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        for (Door door : report.deliveries()) {
            if (!seen.add(door.stopId())) {
                doors.add(new DoorResult(door.runId(), door.stopId(), door.welfareCheck(), "refused",
                        "the stop is in the report twice; the first one counts"));
                continue;
            }
            String note = door.note() == null || door.note().isBlank() ? null : door.note().strip();
            CanteenReports.Outcome outcome = canteen.recordDoor(report.communityId(), door.runId(), door.stopId(),
                    door.welfareCheck(), note);
            doors.add(new DoorResult(door.runId(), door.stopId(), door.welfareCheck(), name(outcome.result()),
                    outcome.reason()));
        }
        return new Receipt(report.reportId(), report.communityId(), served, doors);
    }

    private static String name(CanteenReports.Result result) {
        return result.name().toLowerCase(java.util.Locale.ROOT);
    }

    private MealReport read(String body) {
        MealReport report;
        try {
            report = mapper.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).forType(MealReport.class)
                    .readValue(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw new InvalidRequestProblem("The body is not a meal report");
        }
        if (report == null || report.reportId() == null || !report.reportId().matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new InvalidRequestProblem("reportId", "must be 1 to 100 letters, digits or . _ : -");
        }
        if (report.communityId() == null || report.communityId().isBlank()) {
            throw new InvalidRequestProblem("communityId", "is required");
        }
        List<UUID> served = report.served() == null ? List.of() : report.served();
        List<Door> doors = report.deliveries() == null ? List.of() : report.deliveries();
        if (served.isEmpty() && doors.isEmpty()) {
            throw new InvalidRequestProblem("served", "a report names at least one served order or delivered door");
        }
        if (served.size() + doors.size() > MAX_ITEMS) {
            throw new InvalidRequestProblem("served", "at most " + MAX_ITEMS + " items per report");
        }
        if (served.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestProblem("served", "order ids must not be null");
        }
        for (int i = 0; i < doors.size(); i++) {
            Door door = doors.get(i);
            if (door == null || door.runId() == null || door.stopId() == null) {
                throw new InvalidRequestProblem("deliveries[" + i + "]", "runId and stopId are required");
            }
            if (door.welfareCheck() == null || !WELFARE_CHECKS.contains(door.welfareCheck())) {
                throw new InvalidRequestProblem("deliveries[" + i + "].welfareCheck", "must be OK, CONCERN or NO_ANSWER");
            }
            if ("CONCERN".equals(door.welfareCheck()) && (door.note() == null || door.note().isBlank())) {
                throw new InvalidRequestProblem("deliveries[" + i + "].note", "say what worried the deliverer");
            }
            if (door.note() != null && door.note().length() > 500) {
                throw new InvalidRequestProblem("deliveries[" + i + "].note", "at most 500 characters");
            }
        }
        return new MealReport(report.reportId(), report.communityId(), served, doors);
    }
}
