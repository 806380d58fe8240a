package org.linli.platform.events;

import java.util.Objects;

/**
 * An integration event a service is about to publish.
 *
 * @param topic the Kafka topic
 * @param type versioned event type, e.g. {@code resident.registered.v1}
 * @param key the aggregate id; the Kafka record key, so events about one aggregate stay in order
 * @param subject the CloudEvents subject, e.g. {@code residents/9f3c...}
 * @param communityId the tenant
 * @param data the payload: ids and flags only, never names, phone numbers, ID numbers or health details
 */
public record OutgoingEvent(String topic, String type, String key, String subject, String communityId, Object data) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        if (type == null || !type.matches("[a-z][a-z-]*(\\.[a-z][a-z-]*)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("event type must be dotted and versioned, like resident.registered.v1: " + type);
        }
    }
}
