package org.linli.app.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.app.AppConfig;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Calls one of the three services with a person's bearer token: the one way out of the app. A service that does not
 * answer within the configured time is {@link Unavailable}. Each call carries the current trace context (W3C
 * {@code traceparent}), so the service's work is part of the request's trace.
 */
@ApplicationScoped
public class ServiceCalls {

    private final AppConfig.Services services;
    private final HttpClient http;
    private final TextMapPropagator propagator;

    ServiceCalls(AppConfig config, OpenTelemetry telemetry) {
        this.services = config.services();
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The service's base address. */
    public URI base(LinliService service) {
        return switch (service) {
            case RESIDENT -> services.resident();
            case POINTS -> services.points();
            case CANTEEN -> services.canteen();
        };
    }

    /**
     * Sends {@code method pathAndQuery} (a path of the service's public API, with its query string) with this token and
     * these headers (only those a service reads are passed on by the caller) and the body, if any.
     */
    public HttpResponse<byte[]> call(LinliService service, String method, String pathAndQuery, String token,
            Map<String, String> headers, byte[] body) throws Unavailable {
        URI uri = URI.create(base(service).toString().replaceAll("/$", "") + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(services.timeout())
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        propagator.inject(Context.current(), request, (carrier, name, value) -> carrier.header(name, value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(service, e);
        }
    }

    /** The service did not answer (down, restarting, or too slow). */
    public static final class Unavailable extends Exception {
        private final LinliService service;

        Unavailable(LinliService service, Exception cause) {
            super(service.pathName() + " did not answer: " + cause.getClass().getSimpleName(), cause);
            this.service = service;
        }

        public LinliService service() {
            return service;
        }
    }
}
