package org.linli.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The topics, declared once: {@code deploy/kubernetes/base/kafka/topics.yaml} (Strimzi KafkaTopic resources with each
 * topic's partitions, retention and role), packed into this jar as {@code linli/topics.yaml} by the build. Kubernetes
 * applies that file; the embedded broker creates the same topics from it when it starts, with the same partitions
 * and configuration, except what a single node cannot have (replication 1, {@code min.insync.replicas} 1).
 * A topic that exists already (a restart, or a client that auto-created it first) is kept, given the missing
 * partitions if it has fewer than declared, and the declared configuration.
 */
final class DeclaredTopics {

    static final String RESOURCE = "linli/topics.yaml";

    private DeclaredTopics() {
    }

    /** The declared topics: name, partitions and configuration (as Kafka topic configs). */
    static List<NewTopic> read() {
        try (InputStream in = DeclaredTopics.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the linli-kafka-broker jar");
            }
            List<NewTopic> topics = new ArrayList<>();
            MappingIterator<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(in);
            while (documents.hasNext()) {
                JsonNode topic = documents.next();
                if (topic == null || !"KafkaTopic".equals(topic.path("kind").asText())) {
                    continue;
                }
                Map<String, String> config = new LinkedHashMap<>();
                topic.path("spec").path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
                config.put("min.insync.replicas", "1"); // one node
                topics.add(new NewTopic(topic.path("metadata").path("name").asText(),
                        topic.path("spec").path("partitions").asInt(1), (short) 1).configs(config));
            }
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Waits (up to a minute) for the broker at {@code bootstrapServers}, then creates the declared topics it lacks. */
    static void create(String bootstrapServers) {
        List<NewTopic> declared = read();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                try {
                    createMissing(admin, declared);
                    System.out.println("declared topics ready: " + declared.size() + " (" + RESOURCE + ")");
                    return;
                } catch (ExecutionException | RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        System.out.println("could not create the declared topics: " + e);
                        return;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createMissing(Admin admin, List<NewTopic> declared) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = declared.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            var results = admin.createTopics(missing).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        Map<String, TopicDescription> described = admin.describeTopics(declared.stream().map(NewTopic::name).toList())
                .allTopicNames().get();
        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (NewTopic topic : declared) {
            if (described.get(topic.name()).partitions().size() < topic.numPartitions()) {
                grow.put(topic.name(), NewPartitions.increaseTo(topic.numPartitions()));
            }
        }
        if (!grow.isEmpty()) {
            System.out.println("topics created by a client before their declaration, given their declared partitions: "
                    + grow.keySet());
            admin.createPartitions(grow).all().get();
        }
        // the declared configuration also on a topic that existed already (set, idempotent)
        Map<ConfigResource, Collection<AlterConfigOp>> configs = new LinkedHashMap<>();
        for (NewTopic topic : declared) {
            configs.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.configs().entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList());
        }
        admin.incrementalAlterConfigs(configs).all().get();
    }
}
