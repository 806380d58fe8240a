package org.linli.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator for the benchmark harnesses: requests leave at a fixed rate whatever the answers do,
 * and each latency is measured from the moment the request was due, so a slow server cannot hide its queueing (no
 * coordinated omission). HdrHistogram percentiles.
 */
public final class OpenLoopLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The figures of one run; {@code statuses} counts answers by HTTP status (-1: no answer). */
    public record Result(String name, int rate, double seconds, long sent, long ok, long errors,
            Map<Integer, Integer> statuses, double p50, double p90, double p95, double p99, double p999, double max) {

        @Override
        public String toString() {
            return String.format("%-34s %5d/s %6d sent %6d ok %4d err  p50 %7.2f  p90 %7.2f  p95 %7.2f  p99 %7.2f  "
                    + "p99.9 %7.2f  max %8.2f ms  %s", name, rate, sent, ok, errors, p50, p90, p95, p99, p999, max, statuses);
        }
    }

    private OpenLoopLoad() {
    }

    /** Sends {@code rate} requests per second for {@code duration}; request i is built by {@code requests}. */
    public static Result run(String name, int rate, Duration duration, IntFunction<HttpRequest> requests) {
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long intervalNanos = 1_000_000_000L / rate;
        long total = duration.toSeconds() * rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            CompletableFuture<HttpResponse<Void>> call = HTTP.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.discarding());
            inFlight.add(call.whenComplete((response, failure) -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                int status = failure == null ? response.statusCode() : -1;
                statuses.merge(status, 1, Integer::sum);
                if (status >= 200 && status < 400) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }));
            if (inFlight.size() > 5000) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(t -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        return new Result(name, rate, seconds, total, ok.get(), errors.get(), Map.copyOf(statuses),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    public static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET()
                .build();
    }

    public static HttpRequest post(URI uri, String token, String json) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
