package org.linli.resident.consumers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.inbox.Inbox;
import org.linli.resident.domain.AlertCause;
import org.linli.resident.domain.LastContact;
import org.linli.resident.service.CareAlerts;
import org.linli.resident.service.DeliveryDoors;
import org.linli.resident.service.LastContacts;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The canteen's deliveries as a daily welfare check: a delivered lunch is a contact; a worrying check or a door nobody
 * answered raises a care alert (once per order, however often the event arrives). A planned run tells whose doors its
 * deliverer may see that day (once per event; a later plan of the run replaces its stops).
 */
@ApplicationScoped
public class DeliveryEventsConsumer {

    /** The event types this consumer acts on; the topic's other events pass by unparsed (their ce_type header says what they are). */
    static final java.util.Set<String> READS = java.util.Set.of("meal.delivered.v1", "meal.delivery-missed.v1",
            "delivery-run.planned.v1");

    static final String CONSUMER = "resident.deliveries";

    private final Inbox inbox;
    private final CareAlerts alerts;
    private final LastContacts contacts;
    private final DeliveryDoors doors;
    private final ObjectMapper mapper;

    DeliveryEventsConsumer(Inbox inbox, CareAlerts alerts, LastContacts contacts, DeliveryDoors doors,
            ObjectMapper mapper) {
        this.inbox = inbox;
        this.alerts = alerts;
        this.contacts = contacts;
        this.doors = doors;
        this.mapper = mapper;
    }

    /** The fields of meal.delivered.v1 and meal.delivery-missed.v1 this service reads. */
    record Delivery(UUID orderId, UUID dinerId, String welfareCheck, OffsetDateTime deliveredAt, OffsetDateTime attemptedAt) {
    }

    /** The fields of delivery-run.planned.v1 this service reads: ids only. */
    record PlannedRun(UUID runId, String communityId, LocalDate date, String delivererKind, String delivererId,
            List<PlannedStop> stops) {
    }

    record PlannedStop(UUID stopId, Integer sequence, UUID residentId) {
    }

    @Incoming("canteen-events")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, READS, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.type()) {
            case "meal.delivered.v1" -> delivered(complete(event.dataAs(Delivery.class, mapper), event), event);
            case "meal.delivery-missed.v1" -> {
                Delivery missed = complete(event.dataAs(Delivery.class, mapper), event);
                alerts.raiseForResident(missed.dinerId(), AlertCause.DELIVERY_MISSED, missed.orderId().toString());
            }
            case "delivery-run.planned.v1" -> doors.planned(planned(event.dataAs(PlannedRun.class, mapper), event));
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }

    private static DeliveryDoors.PlannedRun planned(PlannedRun run, CloudEvent event) {
        if (run == null || run.runId() == null || run.communityId() == null || run.date() == null
                || run.delivererKind() == null || run.delivererId() == null || run.stops() == null
                || event.time() == null) {
            throw new MalformedEventException(event.type() + " " + event.id()
                    + " lacks runId, communityId, date, deliverer, stops or a time");
        }
        List<DeliveryDoors.Stop> stops = run.stops().stream().map(stop -> {
            if (stop == null || stop.stopId() == null || stop.sequence() == null || stop.residentId() == null) {
                throw new MalformedEventException(event.type() + " " + event.id() + " has a stop without stopId, "
                        + "sequence or residentId");
            }
            return new DeliveryDoors.Stop(stop.stopId(), stop.sequence(), stop.residentId());
        }).toList();
        return new DeliveryDoors.PlannedRun(run.runId(), run.communityId(), run.date(), run.delivererKind(),
                run.delivererId(), event.time(), stops);
    }

    private static Delivery complete(Delivery delivery, CloudEvent event) {
        if (delivery == null || delivery.orderId() == null || delivery.dinerId() == null) {
            throw new MalformedEventException(event.type() + " " + event.id()
                    + " lacks orderId or dinerId");
        }
        if (event.type().equals("meal.delivered.v1") && delivery.deliveredAt() == null && event.time() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no time");
        }
        return delivery;
    }

    private void delivered(Delivery delivery, CloudEvent event) {
        OffsetDateTime at = delivery.deliveredAt() != null ? delivery.deliveredAt() : event.time();
        if (!contacts.seen(delivery.dinerId(), at, LastContact.MEAL_DELIVERY)) {
            Log.warnf("Delivery %s to unknown resident %s ignored", delivery.orderId(), delivery.dinerId());
            return;
        }
        if ("CONCERN".equals(delivery.welfareCheck())) {
            alerts.raiseForResident(delivery.dinerId(), AlertCause.WELFARE_CONCERN, delivery.orderId().toString());
        }
    }
}
