package org.linli.platform.json;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every timestamp Linli writes (API answers and event payloads) is RFC 3339 in UTC, e.g. 2026-11-23T06:15:53.458Z,
 * whatever offset the value carried inside the service (the community clock runs on China Standard Time).
 */
@Singleton
public class UtcTimestamps implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("linli-utc-timestamps").addSerializer(OffsetDateTime.class,
                new JsonSerializer<OffsetDateTime>() {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(value.withOffsetSameInstant(ZoneOffset.UTC).toString());
                    }
                }));
    }
}
