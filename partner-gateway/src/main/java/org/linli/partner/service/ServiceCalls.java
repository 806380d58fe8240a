package org.linli.partner.service;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The gateway's calls to Linli's services (resident-service's device alarms, canteen-service's check-offs and doors):
 * each in a client span of the current trace, its W3C trace context ({@code traceparent}, {@code tracestate}) sent
 * along by the configured propagator, so that a partner's alarm or report is one trace across the gateway and the
 * service it reaches. No redirects are followed.
 */
@ApplicationScoped
public class ServiceCalls {

    private final HttpClient http;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    ServiceCalls(PartnerConfig config, OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("org.linli.partner");
        this.http = HttpClient.newBuilder().connectTimeout(config.http().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends the request (its method and URI set) with the trace context of a new client span; answers the body as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws java.io.IOException, InterruptedException {
        HttpRequest probe = request.copy().build();
        Span span = tracer.spanBuilder(probe.method()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", probe.method())
                .setAttribute("server.address", String.valueOf(probe.uri().getHost()))
                .setAttribute("url.path", String.valueOf(probe.uri().getPath())).startSpan();
        try (Scope scope = span.makeCurrent()) {
            openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), request,
                    (builder, name, value) -> builder.setHeader(name, value));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            span.setAttribute("http.response.status_code", response.statusCode());
            if (response.statusCode() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (java.io.IOException | InterruptedException | RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
