package org.linli.platform.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.linli.platform.kafka.KafkaConnection;
import org.linli.platform.operations.DeadLetters;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The service's dead-letter topic as Prometheus sees it (deploy/README.md, alert DeadLettersGrowing):
 * <ul>
 * <li>{@code linli_dead_letters_written_total}: records ever written to {@code linli.<service>.dlq} (the sum of its
 * partitions' end offsets; it grows by one for each record a consumer gave up on, whichever instance did);
 * <li>{@code linli_dead_letters_records}: records the topic holds now (within its retention);
 * <li>{@code linli_dead_letters_undecided}: those no operator has replayed or discarded yet ({@code GET
 * /admin/dead-letters}).
 * </ul>
 * Asking the broker costs a round trip, so the figures are refreshed in the background every
 * {@code linli.metrics.dead-letters-every} (30 s) and scrapes read the last ones. The meters appear after the first
 * successful refresh (a counter that started at 0 and jumped to the topic's size would look like growth); when the
 * broker cannot be asked they keep their last values (KafkaHealthCheck and the consumers' lag say the broker is gone).
 */
@ApplicationScoped
public class DeadLetterMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final KafkaConnection kafka;
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private KafkaConsumer<String, String> consumer;
    private volatile long written;
    private volatile long records;
    private volatile long undecided;
    private boolean registered;

    DeadLetterMetrics(DeadLetters deadLetters, KafkaConnection kafka, DataSource dataSource, MeterRegistry registry) {
        this.topic = deadLetters.topic();
        this.kafka = kafka;
        this.dataSource = dataSource;
        this.registry = registry;
    }

    @Scheduled(every = "${linli.metrics.dead-letters-every:30s}", delayed = "${linli.metrics.dead-letters-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            if (consumer == null) {
                consumer = new KafkaConsumer<>(kafka.with(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-metrics-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())),
                        new StringDeserializer(), new StringDeserializer());
            }
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            List<TopicPartition> partitions = infos == null ? List.of()
                    : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long decided = decidedWithin(begin, end);
            long total = 0;
            long held = 0;
            for (TopicPartition p : partitions) {
                total += end.get(p);
                held += end.get(p) - begin.get(p);
            }
            written = total;
            records = held;
            undecided = Math.max(0, held - decided);
            if (!registered) {
                register();
            }
        } catch (RuntimeException | SQLException e) {
            Log.debugf("Dead-letter figures of %s unavailable: %s", topic, e.getMessage());
            closeConsumer();
        }
    }

    /** Decisions (dead_letter_decision, "topic/partition/offset") about records the topic still holds. */
    private long decidedWithin(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) throws SQLException {
        long decided = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select record from dead_letter_decision where record like ?")) {
            statement.setQueryTimeout(5);
            statement.setString(1, topic.replace("_", "\\_").replace("%", "\\%") + "/%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String[] parts = rows.getString(1).substring(topic.length() + 1).split("/");
                    TopicPartition p = new TopicPartition(topic, Integer.parseInt(parts[0]));
                    long offset = Long.parseLong(parts[1]);
                    if (begin.containsKey(p) && offset >= begin.get(p) && offset < end.get(p)) {
                        decided++;
                    }
                }
            }
        }
        return decided;
    }

    private void register() {
        FunctionCounter.builder("linli.dead.letters.written", this, m -> m.written)
                .description("records ever written to this service's dead-letter topic")
                .tag("topic", topic).register(registry);
        Gauge.builder("linli.dead.letters.records", this, m -> m.records)
                .description("records this service's dead-letter topic holds now")
                .tag("topic", topic).register(registry);
        Gauge.builder("linli.dead.letters.undecided", this, m -> m.undecided)
                .description("dead letters no operator has replayed or discarded yet (GET /admin/dead-letters)")
                .tag("topic", topic).register(registry);
        registered = true;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        closeConsumer();
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                // closing a broken client: nothing to do
            }
            consumer = null;
        }
    }
}
