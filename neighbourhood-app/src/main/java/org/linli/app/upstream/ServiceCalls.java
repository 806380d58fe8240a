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

/**
 * Calls one of the three services with a person's bearer token: the one way out of the app. A service that does not
 * answer within the configured time is {@link Unavailable}.
 */
@ApplicationScoped
public class ServiceCalls {

    private final AppConfig.Services services;
    private final HttpClient http;

    ServiceCalls(AppConfig config) {
        this.services = config.services();
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
