package org.linli.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;
import org.linli.platform.events.CloudEvent;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Carries a trace across Kafka: one confirmation is one trace, from the HTTP request through the outbox, the event and
 * every consumer's work. The W3C trace context of the moment an event is published is stored with it and travels as
 * the CloudEvents distributed-tracing extension ({@code traceparent}, {@code tracestate}); a consumer continues that
 * trace in a span of its own, so its work and its log lines carry the same trace id. Log lines also name the event's
 * community ({@value #COMMUNITY_ID} in the MDC).
 */
@ApplicationScoped
public class EventTracing {

    /** The MDC key of the community a request or an event is about (JSON logs show it under {@code mdc}). */
    public static final String COMMUNITY_ID = "communityId";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.linli.platform");
    }

    /** The W3C trace context of a span: what an event carries as the distributed-tracing extension. */
    public record TraceContext(String traceparent, String tracestate) {
    }

    /** The trace context of the current span (the request or consumer publishing an event), or null outside any. */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The trace context of the span in {@code context}, or null when it holds no valid span. */
    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        String tracestate = carrier.get(TRACESTATE);
        return traceparent == null ? null : new TraceContext(traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    /** The context a {@code traceparent}/{@code tracestate} pair names (a remote parent), or root when it names none. */
    public static Context parent(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, FROM_MAP);
    }

    /**
     * Starts a span of {@code kind} named {@code name} as a child of the context {@code traceparent} names (a new trace
     * when it names none). The caller ends it.
     */
    public Span startChild(String name, SpanKind kind, String traceparent, String tracestate) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent(traceparent, tracestate)).startSpan();
    }

    /**
     * Runs a consumer's handling of {@code event} in a span that continues the event's trace (a child of the span
     * current on this thread when that is already in the event's trace, as the Kafka connector's receive span is, else
     * of the event's {@code traceparent}; a new trace for an event without one), with the event's community in the MDC.
     * Log lines written meanwhile carry the trace id, span id and community id.
     */
    public <T> T continued(String consumer, CloudEvent event, Supplier<T> work) {
        Context parent = parent(event.traceparent(), event.tracestate());
        SpanContext remote = Span.fromContext(parent).getSpanContext();
        SpanContext here = Span.current().getSpanContext();
        if (here.isValid() && (!remote.isValid() || here.getTraceId().equals(remote.getTraceId()))) {
            parent = Context.current();
        }
        Span span = tracer.spanBuilder(consumer + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("linli.inbox.consumer", consumer)
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
        Object previousCommunity = event.communityId() == null ? MDC.get(COMMUNITY_ID) : MDC.put(COMMUNITY_ID, event.communityId());
        try (Scope scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            if (previousCommunity == null) {
                MDC.remove(COMMUNITY_ID);
            } else {
                MDC.put(COMMUNITY_ID, previousCommunity);
            }
        }
    }
}
