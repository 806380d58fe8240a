package org.linli.partner.service;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Which of the gateway's traces are recorded and exported. The services follow their caller's decision (parent-based),
 * which is right inside Linli; but the gateway's callers are partners on the internet, and a partner's
 * {@code traceparent} flagged "sampled" would otherwise make the gateway, resident-service, canteen-service and every
 * event they publish record and export that request: anyone could choose how much the collector takes in. So a request
 * that arrives with a trace context from outside (a server span with a remote parent) keeps the partner's trace id, for
 * correlation, but is sampled by the gateway's own ratio ({@code LINLI_TRACE_SAMPLE_RATIO}); an event from Linli's own
 * topics (a consumer span) and the gateway's own children follow their parent, and a new trace takes the ratio.
 */
@ApplicationScoped
public class PartnerBoundarySampler implements Sampler {

    private final double ratio;

    PartnerBoundarySampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        this.ratio = ratio;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        boolean followParent = parent.isValid() && !(parent.isRemote() && spanKind == SpanKind.SERVER);
        boolean sampled = followParent ? parent.isSampled() : ThreadLocalRandom.current().nextDouble() < ratio;
        return sampled ? SamplingResult.recordAndSample() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "PartnerBoundarySampler{ratio=" + ratio + ", a partner's sampled flag not trusted}";
    }
}
