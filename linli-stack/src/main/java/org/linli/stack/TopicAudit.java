package org.linli.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An audit of one community's events on the topics, for the month simulation's invariants: which orders a volunteer
 * delivered and which were credited, how many doors were not answered, and every event id with how often it is on a
 * topic. (The figures themselves are dashboard-service's; this reads the topics only to check the plumbing.)
 */
public final class TopicAudit {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TOPICS = List.of("linli.resident.events", "linli.resident.care-alerts", "linli.resident.needs",
            "linli.points.events", "linli.canteen.events");

    public long missedDoors;
    /** order id -> how many meal.delivered.v1 named a volunteer for it */
    public final Map<String, Integer> deliveredByVolunteer = new HashMap<>();
    /** order id -> how many points.awarded.v1 credited it */
    public final Map<String, Integer> deliveryCredits = new HashMap<>();
    /** event id -> how many times it is on a topic (events of other types and duplicates counted, not interpreted) */
    public final Map<String, Integer> eventIds = new HashMap<>();

    private TopicAudit() {
    }

    /** Reads every topic from the start to its current end. */
    public static TopicAudit fromTopics(String kafka, String community) throws Exception {
        TopicAudit d = new TopicAudit();
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (community.equals(event.path("communityid").asText())
                            && d.eventIds.merge(event.path("id").asText(), 1, Integer::sum) == 1) {
                        // like any consumer, the audit counts an event once, however often it is delivered
                        d.add(event.path("type").asText(), event.path("data"));
                    }
                }
            }
        }
        return d;
    }

    private void add(String type, JsonNode data) {
        switch (type) {
            case "points.awarded.v1" -> {
                if ("DELIVERY".equals(data.path("source").asText())) {
                    deliveryCredits.merge(data.path("orderId").asText(), 1, Integer::sum);
                }
            }
            case "meal.delivered.v1" -> {
                if (!data.path("volunteerId").isNull() && !data.path("volunteerId").isMissingNode()) {
                    deliveredByVolunteer.merge(data.path("orderId").asText(), 1, Integer::sum);
                }
            }
            case "meal.delivery-missed.v1" -> missedDoors++;
            default -> {
            }
        }
    }
}
