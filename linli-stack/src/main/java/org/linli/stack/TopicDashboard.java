package org.linli.stack;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a district dashboard knows about one community, rebuilt from the topics alone (ids, codes and numbers; no
 * personal data): the moral bank's month, the canteen's meals per day with their fen, care alerts; and what the
 * invariant checks need (which orders were delivered by a volunteer, which were credited, event ids seen).
 */
public final class TopicDashboard {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId COMMUNITY_TIME = ZoneId.of("Asia/Shanghai");
    static final List<String> TOPICS = List.of("linli.resident.events", "linli.resident.care-alerts", "linli.resident.needs",
            "linli.points.events", "linli.canteen.events");

    public long services;
    public long minutes;
    public long pointsIssued;
    public long pointsRedeemed;
    public long alertsRaised;
    public long missedDoors;
    /** meal date -> delivered, served, total fen, elders paid fen */
    public final Map<String, long[]> meals = new TreeMap<>();
    /** order id -> how many meal.delivered.v1 named a volunteer for it */
    public final Map<String, Integer> deliveredByVolunteer = new HashMap<>();
    /** order id -> how many points.awarded.v1 credited it */
    public final Map<String, Integer> deliveryCredits = new HashMap<>();
    /** event id -> how many times it is on a topic (events of other types and duplicates counted, not interpreted) */
    public final Map<String, Integer> eventIds = new HashMap<>();
    /** event source (service) -> distinct events of this community */
    public final Map<String, Long> eventsBySource = new TreeMap<>();

    private final String month;

    private TopicDashboard(String month) {
        this.month = month;
    }

    /** Reads every topic from the start to its current end; {@code month} (yyyy-MM) scopes the moral bank's figures. */
    public static TopicDashboard fromTopics(String kafka, String community, String month) throws Exception {
        TopicDashboard d = new TopicDashboard(month);
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
                        // like any consumer, the dashboard counts an event once, however often it is delivered
                        d.eventsBySource.merge(event.path("source").asText(), 1L, Long::sum);
                        d.add(event.path("type").asText(), event.path("data"));
                    }
                }
            }
        }
        return d;
    }

    private void add(String type, JsonNode data) {
        switch (type) {
            case "service.confirmed.v1" -> {
                if (inMonth(data.path("performedAt").asText())) {
                    services++;
                    minutes += data.path("minutes").asLong();
                }
            }
            case "points.awarded.v1" -> {
                pointsIssued += inMonth(data.path("awardedAt").asText()) ? data.path("points").asLong() : 0;
                if ("DELIVERY".equals(data.path("source").asText())) {
                    deliveryCredits.merge(data.path("orderId").asText(), 1, Integer::sum);
                }
            }
            case "points.redeemed.v1" -> pointsRedeemed += inMonth(data.path("redeemedAt").asText())
                    ? data.path("points").asLong() : 0;
            case "points.reversed.v1" -> {
                if (inMonth(data.path("reversedAt").asText())) {
                    if ("REDEMPTION".equals(data.path("reversedSource").asText())) {
                        pointsRedeemed -= data.path("points").asLong(); // a cancelled reservation gives points back
                    } else {
                        pointsIssued += data.path("points").asLong(); // a corrected award takes them back
                    }
                    if ("SERVICE".equals(data.path("reversedSource").asText())) { // the service no longer counts
                        services--;
                        minutes += data.path("minutes").asLong();
                    }
                }
            }
            case "meal.delivered.v1", "meal.served.v1" -> {
                long[] day = meals.computeIfAbsent(data.path("mealDate").asText(), k -> new long[4]);
                day[type.equals("meal.delivered.v1") ? 0 : 1]++;
                day[2] += data.path("price").path("totalFen").asLong();
                day[3] += data.path("price").path("elderPaysFen").asLong();
                if (type.equals("meal.delivered.v1") && !data.path("volunteerId").isNull()
                        && !data.path("volunteerId").isMissingNode()) {
                    deliveredByVolunteer.merge(data.path("orderId").asText(), 1, Integer::sum);
                }
            }
            case "meal.delivery-missed.v1" -> missedDoors++;
            case "care-alert.raised.v1" -> alertsRaised++;
            default -> {
            }
        }
    }

    private boolean inMonth(String timestamp) {
        return !timestamp.isEmpty()
                && OffsetDateTime.parse(timestamp).atZoneSameInstant(COMMUNITY_TIME).toString().startsWith(month);
    }

    /** "" when the service's figure equals the one rebuilt from events, else a line saying both. */
    public static String compare(String figure, long reported, long rebuilt) {
        return reported == rebuilt ? "" : figure + ": the service says " + reported + ", the events say " + rebuilt + "; ";
    }
}
