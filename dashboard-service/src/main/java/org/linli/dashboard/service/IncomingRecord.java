package org.linli.dashboard.service;

/** One record from a topic, as the projection needs it: where it came from (for offsets and holding) and its value. */
public record IncomingRecord(String topic, int partition, long offset, String key, String value) {
}
