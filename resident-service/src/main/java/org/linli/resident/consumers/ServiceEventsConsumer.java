package org.linli.resident.consumers;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.inbox.Inbox;
import org.linli.resident.domain.LastContact;
import org.linli.resident.service.LastContacts;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** A confirmed volunteer service with a beneficiary means someone saw them: it updates their last contact. */
@ApplicationScoped
public class ServiceEventsConsumer {

    /** The event types this consumer acts on; the topic's other events pass by unparsed (their ce_type header says what they are). */
    static final java.util.Set<String> READS = java.util.Set.of("service.confirmed.v1");

    static final String CONSUMER = "resident.services";

    private final Inbox inbox;
    private final LastContacts contacts;
    private final ObjectMapper mapper;

    ServiceEventsConsumer(Inbox inbox, LastContacts contacts, ObjectMapper mapper) {
        this.inbox = inbox;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /** The fields of service.confirmed.v1 this service reads. */
    record ConfirmedService(UUID serviceId, UUID beneficiaryId, OffsetDateTime performedAt) {
    }

    @Incoming("points-events")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, READS, this::apply);
    }

    private void apply(CloudEvent event) {
        if (!"service.confirmed.v1".equals(event.type())) {
            return;
        }
        ConfirmedService service = event.dataAs(ConfirmedService.class, mapper);
        if (service == null || service.serviceId() == null || (service.performedAt() == null && event.time() == null)) {
            throw new org.linli.platform.events.MalformedEventException(event.type() + " " + event.id()
                    + " lacks serviceId or a time");
        }
        if (service.beneficiaryId() == null) {
            return; // community-wide work such as snow sweeping
        }
        OffsetDateTime at = service.performedAt() != null ? service.performedAt() : event.time();
        if (!contacts.seen(service.beneficiaryId(), at, LastContact.VOLUNTEER_VISIT)) {
            Log.warnf("Confirmed service %s for unknown resident ignored", service.serviceId());
        } else {
            Log.infof("Confirmed service %s counted as a volunteer visit (event %s)", service.serviceId(), event.id());
        }
    }
}
