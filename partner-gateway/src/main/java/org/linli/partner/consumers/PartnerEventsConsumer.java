package org.linli.partner.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.partner.service.Fanout;
import org.linli.partner.service.WebhookCatalogue;
import org.linli.platform.inbox.Inbox;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The events partners may receive (points, canteen and care-alert topics), each read once through the inbox and fanned
 * out to the subscriptions that cover it in the same transaction. Other event types pass by without a transaction; a
 * record that is not an event is dead-lettered and the channel goes on.
 */
@ApplicationScoped
public class PartnerEventsConsumer {

    static final String CONSUMER = "partner-gateway.webhooks";

    private final Inbox inbox;
    private final Fanout fanout;

    PartnerEventsConsumer(Inbox inbox, Fanout fanout) {
        this.inbox = inbox;
        this.fanout = fanout;
    }

    @Incoming("partner-events")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, WebhookCatalogue.types(), event -> fanout.accept(event, record.key()));
    }
}
