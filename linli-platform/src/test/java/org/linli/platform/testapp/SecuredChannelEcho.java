package org.linli.platform.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A SmallRye Kafka channel like the services' consumers, configured by the same {@code kafka.*} settings: it keeps the
 * keys it receives, so a test can see that a channel reaches the broker however that broker is secured.
 */
@ApplicationScoped
public class SecuredChannelEcho {

    public static final String TOPIC = "linli.platform-test.channel";

    private final List<String> keys = new CopyOnWriteArrayList<>();

    @Incoming("channel-echo")
    void receive(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        keys.add(record.key());
    }

    public List<String> keys() {
        return keys;
    }
}
