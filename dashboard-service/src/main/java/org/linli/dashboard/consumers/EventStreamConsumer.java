package org.linli.dashboard.consumers;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.dashboard.service.IncomingRecord;
import org.linli.dashboard.service.LiveProjection;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads every topic of the system in batches (one channel, consumer group dashboard-service) and hands each batch to
 * the projection. Deduplication, dead letters and held events are the projection's; the channel itself never fails.
 */
@ApplicationScoped
public class EventStreamConsumer {

    private final LiveProjection projection;

    EventStreamConsumer(LiveProjection projection) {
        this.projection = projection;
    }

    @Incoming("linli-events")
    @Blocking
    public void receive(ConsumerRecords<String, String> records) {
        List<IncomingRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            batch.add(new IncomingRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
        }
        projection.accept(batch);
    }
}
