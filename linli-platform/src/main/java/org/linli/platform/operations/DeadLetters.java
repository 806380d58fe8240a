package org.linli.platform.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.kafka.KafkaConnection;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's dead-letter topic ({@code linli.<service>.dlq}), for an operator: the records a consumer could not
 * handle, with where they came from and why; each one replayed to its original topic (as it was, or with a body the
 * operator fixed) or discarded, once. A replayed event reaches the consumer's inbox like any redelivery, so its effect
 * happens once even if it had partly happened. Decisions are kept in {@link DeadLetterDecision} and, with who and
 * why, {@link OperatorAction}. The record is sent before the decision commits: if the commit fails the operator may
 * replay again, and the inbox still lets it act once.
 */
@ApplicationScoped
public class DeadLetters {

    /** A dead letter as an operator sees it; {@code value} only when one record is asked for. */
    public record DeadLetter(int partition, long offset, OffsetDateTime at, String originalTopic, Integer originalPartition,
            Long originalOffset, String key, String reason, String eventType, String eventId, String decision,
            String value) {
    }

    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final KafkaConnection kafka;
    private final ObjectMapper mapper;
    private final Clock clock;

    DeadLetters(@ConfigProperty(name = "quarkus.application.name") String service, KafkaConnection kafka,
            ObjectMapper mapper, Clock clock) {
        this.topic = "linli." + service + ".dlq";
        this.kafka = kafka;
        this.mapper = mapper;
        this.clock = clock;
    }

    public String topic() {
        return topic;
    }

    /** The newest {@code max} dead letters, undecided ones only unless {@code all}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeadLetter> list(int max, boolean all) {
        Set<String> decided = new HashSet<>();
        DeadLetterDecision.<DeadLetterDecision>streamAll().forEach(d -> decided.add(d.record));
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = DeadLetterDecision.record(topic, r.partition(), r.offset());
                    if (all || !decided.contains(id)) {
                        found.add(view(r, decided.contains(id) ? decisionOf(id) : null, false));
                    }
                }
            }
        }
        found.sort(Comparator.comparing(DeadLetter::at).reversed());
        return found.size() > max ? found.subList(0, max) : found;
    }

    /** One dead letter, with its body. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeadLetter get(int partition, long offset) {
        String id = DeadLetterDecision.record(topic, partition, offset);
        return view(read(partition, offset), decisionOf(id), true);
    }

    /**
     * Sends the record back to the topic it came from, with its key and headers (not the dead-letter ones), and its
     * body or {@code fixedValue}, which must then be a CloudEvent. 409 if it was decided already.
     */
    @Transactional
    public DeadLetter replay(int partition, long offset, Optional<String> fixedValue, String operator, String reason) {
        fixedValue.ifPresent(value -> {
            try {
                CloudEvent.parse(value, mapper);
            } catch (MalformedEventException e) {
                throw new InvalidRequestProblem("value", "is not a CloudEvent: " + e.getMessage());
            }
        });
        ConsumerRecord<String, String> record = read(partition, offset);
        String original = header(record, "dead-letter-topic")
                .orElseThrow(() -> new ConflictProblem("This dead letter does not say which topic it came from"));
        decide(partition, offset, "REPLAYED", operator, reason,
                "to " + original + (fixedValue.isPresent() ? " with a fixed body" : ""));
        send(new ProducerRecord<>(original, null, record.key(), fixedValue.orElse(record.value()), withoutDeadLetterHeaders(record)));
        return view(record, "REPLAYED", false);
    }

    /** Gives the record up: it stays in the topic, marked decided, and leaves the list. 409 if it was decided already. */
    @Transactional
    public void discard(int partition, long offset, String operator, String reason) {
        ConsumerRecord<String, String> record = read(partition, offset);
        decide(partition, offset, "DISCARDED", operator, reason, header(record, "dead-letter-topic").orElse(null));
    }

    private void decide(int partition, long offset, String decision, String operator, String reason, String detail) {
        String id = DeadLetterDecision.record(topic, partition, offset);
        if (DeadLetterDecision.findById(id) != null) {
            throw new ConflictProblem("Dead letter " + id + " was " + decisionOf(id).toLowerCase() + " already");
        }
        DeadLetterDecision d = new DeadLetterDecision();
        d.record = id;
        d.decision = decision;
        d.decidedAt = OffsetDateTime.now(clock);
        try {
            d.persistAndFlush(); // two operators at once: the key refuses the second
        } catch (PersistenceException e) {
            throw new ConflictProblem("Dead letter " + id + " was decided by someone else just now");
        }
        OperatorAction.record(d.decidedAt, operator, "dead-letter." + decision.toLowerCase(), id, detail, reason);
    }

    private static String decisionOf(String id) {
        DeadLetterDecision d = DeadLetterDecision.findById(id);
        return d == null ? null : d.decision;
    }

    private ConsumerRecord<String, String> read(int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (partitions(consumer).stream().noneMatch(tp::equals)) {
                throw new NotFoundProblem("No dead letter " + partition + "/" + offset);
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    if (r.offset() > offset) {
                        throw new NotFoundProblem("No dead letter " + partition + "/" + offset);
                    }
                }
                if (consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp)) {
                    break;
                }
            }
            throw new NotFoundProblem("No dead letter " + partition + "/" + offset);
        }
    }

    private void send(ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000)), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the replayed record", e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000)), new StringDeserializer(), new StringDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<PartitionInfo> infos = consumer.listTopics(READ_TIMEOUT).get(topic);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private DeadLetter view(ConsumerRecord<String, String> r, String decision, boolean withValue) {
        String type = null;
        String eventId = null;
        try {
            CloudEvent event = CloudEvent.parse(r.value(), mapper);
            type = event.type();
            eventId = event.id();
        } catch (RuntimeException e) {
            // a record that is not an event: its type stays unknown
        }
        return new DeadLetter(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).atOffset(ZoneOffset.UTC),
                header(r, "dead-letter-topic").orElse(null), header(r, "dead-letter-partition").map(Integer::valueOf).orElse(null),
                header(r, "dead-letter-offset").map(Long::valueOf).orElse(null), r.key(),
                header(r, "dead-letter-reason").orElse(null), type, eventId, decision, withValue ? r.value() : null);
    }

    private static Optional<String> header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<String, String> r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h);
            }
        }
        return headers;
    }
}
