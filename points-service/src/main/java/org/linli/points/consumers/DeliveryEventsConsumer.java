package org.linli.points.consumers;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.inbox.Inbox;
import org.linli.points.service.DeliveryCredits;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** meal.delivered.v1 from the canteen: a volunteer who delivered the meal earns the delivery points, once. */
@ApplicationScoped
public class DeliveryEventsConsumer {

    /** The event types this consumer acts on; the topic's other events pass by unparsed (their ce_type header says what they are). */
    static final java.util.Set<String> READS = java.util.Set.of("meal.delivered.v1");

    static final String CONSUMER = "points.deliveries";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final DeliveryCredits credits;

    DeliveryEventsConsumer(Inbox inbox, ObjectMapper mapper, DeliveryCredits credits) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.credits = credits;
    }

    /** The fields of meal.delivered.v1 this service reads. */
    record MealDelivered(UUID orderId, String communityId, UUID volunteerId, OffsetDateTime deliveredAt) {
    }

    @Incoming("canteen-events")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, READS, this::apply);
    }

    private void apply(CloudEvent event) {
        if (!"meal.delivered.v1".equals(event.type())) {
            return;
        }
        MealDelivered delivered = event.dataAs(MealDelivered.class, mapper);
        String community = delivered == null || delivered.communityId() == null ? event.communityId() : delivered.communityId();
        if (delivered == null || delivered.orderId() == null || community == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks orderId or communityId");
        }
        if (delivered.volunteerId() == null) {
            Log.debugf("Order %s was delivered by canteen staff: no points", delivered.orderId());
            return;
        }
        credits.credit(community, delivered.orderId(), delivered.volunteerId(),
                delivered.deliveredAt() != null ? delivered.deliveredAt() : event.time());
    }
}
