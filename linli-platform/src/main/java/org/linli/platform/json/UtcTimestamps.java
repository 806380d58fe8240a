package org.linli.platform.json;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How Linli writes every timestamp, in API answers, event payloads and the CloudEvents {@code time} attribute alike:
 * RFC 3339 in UTC, seconds always written, at most microseconds, e.g. {@code 2026-11-23T06:15:00Z},
 * {@code 2026-11-23T06:15:53.458Z}, {@code 2026-11-23T06:15:53.458123Z}, whatever offset the value carried inside the
 * service (the community clock runs on China Standard Time).
 * <p>
 * The one rule: the instant is rounded to the microsecond, half up, exactly as the PostgreSQL JDBC driver rounds a
 * value it stores in a {@code timestamptz}; then it is written in ISO-8601 instant form (the fraction in groups of
 * three digits, none when zero). So a value answered from memory and the same value read back from PostgreSQL are the
 * same bytes; a retried request answers what the first answer said. (Values taken from the community clock already
 * tick in microseconds, see the platform's {@code CommunityClock}: for them rounding changes nothing.)
 * <p>
 * Ordering matters: Quarkus registers Jackson's own {@code JavaTimeModule} in a customizer of priority
 * {@link ObjectMapperCustomizer#QUARKUS_CUSTOMIZER_PRIORITY}, and Jackson consults the module registered last first.
 * This customizer therefore runs after it, with the lowest priority; with the default priority, Quarkus's module
 * was registered after it and wrote {@code 2026-12-01T08:12:27.02736131+08:00} instead.
 */
@Singleton
public class UtcTimestamps implements ObjectMapperCustomizer {

    private static final DateTimeFormatter RFC_3339_UTC = DateTimeFormatter.ISO_INSTANT;

    /** The RFC 3339 UTC form of {@code value}, rounded to the microsecond as PostgreSQL stores it. */
    public static String format(OffsetDateTime value) {
        return format(value.toInstant());
    }

    /** The RFC 3339 UTC form of {@code value}, rounded to the microsecond as PostgreSQL stores it. */
    public static String format(Instant value) {
        return RFC_3339_UTC.format(toMicros(value));
    }

    /** {@code value} rounded half up to the microsecond: what a PostgreSQL {@code timestamptz} keeps of it. */
    public static Instant toMicros(Instant value) {
        return value.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("linli-utc-timestamps")
                .addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                })
                .addSerializer(Instant.class, new JsonSerializer<Instant>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                }));
    }

    /** After Quarkus's own customizers, so that this module's serializers are the ones Jackson finds. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
