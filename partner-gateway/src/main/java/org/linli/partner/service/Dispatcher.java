package org.linli.partner.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends due deliveries to partners' endpoints as the Standard Webhooks specification says: {@code webhook-id} (the
 * delivery's id, the same on every attempt), {@code webhook-timestamp} (unix seconds of the attempt) and
 * {@code webhook-signature} (one {@code v1,} signature per valid secret). A 2xx answer delivers it; anything else (an
 * error status, a timeout, a refused connection) is retried with exponential backoff and jitter, until it has failed for
 * {@code linli.partner.retry.give-up-after}: then it is given up and its subscription paused with the reason, and a
 * notice to the partner's technical contact is queued in the same transaction ({@link PauseNotices}).
 * <p>
 * <b>Order.</b> A delivery waits while an earlier delivery of the same subscription and event key is not delivered, so a
 * partner sees an order's or a wallet's events in the order they happened, also after an outage.
 * <p>
 * <b>Several instances.</b> A round claims its deliveries with {@code FOR UPDATE SKIP LOCKED} and leases them (moves
 * their next attempt past the lease) in one short transaction, then sends outside any transaction; another instance
 * neither claims a leased delivery nor a later one of its key. An instance that dies mid-send leaves its lease to run
 * out, and the delivery is sent again (at least once; the partner deduplicates by {@code webhook-id}).
 */
@ApplicationScoped
public class Dispatcher {

    private static final String CLAIM = """
            with due as (
                select d.id from delivery d join subscription s on s.id = d.subscription_id
                where d.status = 'PENDING' and d.next_attempt_at <= now() and s.status = 'ACTIVE'
                  and not exists (select 1 from delivery e
                                  where e.subscription_id = d.subscription_id and e.event_key = d.event_key
                                    and e.seq < d.seq and e.status <> 'DELIVERED')
                order by d.seq
                limit ?1
                for update of d skip locked)
            update delivery set attempts = delivery.attempts + 1, next_attempt_at = now() + cast(?2 as interval)
            from due where delivery.id = due.id
            returning cast(delivery.id as varchar), cast(delivery.subscription_id as varchar), delivery.body,
                      delivery.attempts, delivery.seq""";

    private final EntityManager entityManager;
    private final PartnerConfig config;
    private final MeterRegistry registry;
    private final SecretCipher cipher;
    private final EndpointGuard guard;
    private final PauseNotices notices;
    private ScheduledExecutorService loop;
    private ExecutorService senders;
    private HttpClient http;

    Dispatcher(EntityManager entityManager, PartnerConfig config, MeterRegistry registry, SecretCipher cipher,
            EndpointGuard guard, PauseNotices notices) {
        this.notices = notices;
        // every outcome's series exists from the start, so that an alert's increase() sees the first give-up
        for (String outcome : List.of("delivered", "failed", "given-up")) {
            registry.counter("linli.partner.webhooks", "outcome", outcome);
        }
        this.entityManager = entityManager;
        this.config = config;
        this.registry = registry;
        this.cipher = cipher;
        this.guard = guard;
    }

    /** A claimed delivery, ready to send. */
    record Claimed(UUID id, UUID subscriptionId, String url, String body, int attempts, List<String> secrets) {
    }

    /** What one attempt came to. */
    record Outcome(Claimed delivery, int status, String error) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    void start(@Observes StartupEvent started) {
        if (!config.dispatch().enabled()) {
            Log.info("The webhook dispatcher is disabled on this instance");
            return;
        }
        senders = Executors.newFixedThreadPool(config.dispatch().concurrency(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().connectTimeout(config.http().timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders).build();
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-dispatcher");
            t.setDaemon(true);
            return t;
        });
        loop.schedule(this::run, config.dispatch().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (loop != null) {
            loop.shutdownNow();
            senders.shutdownNow();
        }
    }

    private void run() {
        int sent = 0;
        try {
            sent = round();
        } catch (RuntimeException e) {
            Log.warnf("A webhook dispatch round failed: %s", e.getMessage());
        } finally {
            if (!loop.isShutdown()) {
                // a full round is followed at once by the next; otherwise wait for the poll interval
                long delay = sent >= config.dispatch().batchSize() ? 0 : config.dispatch().pollInterval().toMillis();
                loop.schedule(this::run, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Claims, sends and records one batch; returns how many deliveries it attempted. Safe to run at the same time as
     * other rounds, on this instance or another (that is what the dispatcher of a second instance does).
     */
    public int round() {
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Outcome>> attempts = new ArrayList<>(claimed.size());
        for (Claimed delivery : claimed) {
            attempts.add(send(delivery));
        }
        List<Outcome> outcomes = attempts.stream().map(CompletableFuture::join).toList();
        QuarkusTransaction.requiringNew().run(() -> outcomes.forEach(this::record));
        return claimed.size();
    }

    private List<Claimed> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(CLAIM)
                    .setParameter(1, config.dispatch().batchSize())
                    .setParameter(2, config.dispatch().lease().toMillis() + " milliseconds").getResultList();
            if (rows.isEmpty()) {
                return List.<Claimed>of();
            }
            rows.sort((a, b) -> Long.compare(((Number) a[4]).longValue(), ((Number) b[4]).longValue()));
            Map<UUID, String> urls = new LinkedHashMap<>();
            Map<UUID, List<String>> secrets = new LinkedHashMap<>();
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                UUID subscription = UUID.fromString((String) row[1]);
                String url = urls.computeIfAbsent(subscription, s -> (String) entityManager
                        .createNativeQuery("select url from subscription where id = ?1").setParameter(1, s).getSingleResult());
                List<String> valid = secrets.computeIfAbsent(subscription, this::validSecrets);
                claimed.add(new Claimed(UUID.fromString((String) row[0]), subscription, url, (String) row[2],
                        ((Number) row[3]).intValue(), valid));
            }
            return claimed;
        });
    }

    /** The secrets that sign now: the current one first, then rolled ones still in their overlap. */
    @SuppressWarnings("unchecked")
    private List<String> validSecrets(UUID subscription) {
        List<String> sealed = entityManager.createNativeQuery("""
                select secret from signing_secret where subscription_id = ?1 and (expires_at is null or expires_at > now())
                order by (expires_at is null) desc, created_at desc""").setParameter(1, subscription).getResultList();
        return sealed.stream().map(cipher::open).toList();
    }

    /**
     * One attempt: the endpoint's host is looked up and checked first ({@link EndpointGuard}: DNS may have changed since
     * the subscription), on a sender thread; an address that is not public fails the attempt without a connection.
     */
    private CompletableFuture<Outcome> send(Claimed delivery) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return guard.refusal(URI.create(delivery.url()));
            } catch (RuntimeException e) {
                return java.util.Optional.of("cannot check the endpoint: " + e.getMessage());
            }
        }, senders).thenCompose(refused -> refused.isPresent()
                ? CompletableFuture.completedFuture(new Outcome(delivery, 0, "endpoint refused: " + refused.get()))
                : attempt(delivery));
    }

    private CompletableFuture<Outcome> attempt(Claimed delivery) {
        long timestamp = Instant.now().getEpochSecond();
        String id = delivery.id().toString();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(config.http().timeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Linli-Webhooks/1")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(delivery.secrets(), id, timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outcome(delivery, 0, "cannot build the request: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null ? new Outcome(delivery, response.statusCode(), null)
                        : new Outcome(delivery, 0, describe(failure)));
    }

    private void record(Outcome outcome) {
        Claimed delivery = outcome.delivery();
        if (outcome.delivered()) {
            entityManager.createNativeQuery("""
                    update delivery set status = 'DELIVERED', delivered_at = now(), last_status = ?2, last_error = null,
                                        failing_since = null
                    where id = ?1""").setParameter(1, delivery.id()).setParameter(2, outcome.status()).executeUpdate();
            registry.counter("linli.partner.webhooks", "outcome", "delivered").increment();
            return;
        }
        String error = outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
        Duration backoff = backoff(delivery.attempts());
        @SuppressWarnings("unchecked")
        List<Object> givenUp = entityManager.createNativeQuery("""
                update delivery set last_status = nullif(?2, 0), last_error = ?3, failing_since = coalesce(failing_since, now()),
                       next_attempt_at = now() + cast(?4 as interval),
                       status = case when coalesce(failing_since, now()) <= now() - cast(?5 as interval)
                                     then 'FAILED' else 'PENDING' end
                where id = ?1 returning status""")
                .setParameter(1, delivery.id()).setParameter(2, outcome.status())
                .setParameter(3, truncate(error, 500)).setParameter(4, backoff.toMillis() + " milliseconds")
                .setParameter(5, config.retry().giveUpAfter().toMillis() + " milliseconds").getResultList();
        registry.counter("linli.partner.webhooks", "outcome", "failed").increment();
        if (!givenUp.isEmpty() && "FAILED".equals(givenUp.get(0))) {
            String reason = truncate("Delivery " + delivery.id() + " failed for " + config.retry().giveUpAfter()
                    + " (last: " + error + ")", 500);
            int paused = entityManager.createNativeQuery("""
                    update subscription set status = 'PAUSED', paused_at = now(), paused_reason = ?2, version = version + 1
                    where id = ?1 and status = 'ACTIVE'""")
                    .setParameter(1, delivery.subscriptionId()).setParameter(2, reason).executeUpdate();
            registry.counter("linli.partner.webhooks", "outcome", "given-up").increment();
            if (paused == 1) {
                // the pause and its notice commit together: one notice per pause, however many deliveries gave up
                notices.queue(delivery.subscriptionId(), delivery.id(), outcome.status() > 0 ? "HTTP " + outcome.status()
                        : failureClass(error));
            }
            Log.warnf("Subscription %s paused: %s", delivery.subscriptionId(), reason);
        } else {
            Log.debugf("Delivery %s attempt %d failed (%s); next in %s", delivery.id(), delivery.attempts(), error, backoff);
        }
    }

    /** "ConnectException: …" as "ConnectException", "endpoint refused: 10.0.0.5 …" as "endpoint refused": no address. */
    static String failureClass(String error) {
        int colon = error.indexOf(':');
        return truncate(colon < 0 ? error : error.substring(0, colon), 100);
    }

    /** initial × 2^(attempt−1), at most the maximum, then between half and all of it (jitter spreads a recovery's load). */
    Duration backoff(int attempt) {
        long initial = config.retry().initialBackoff().toMillis();
        long max = config.retry().maxBackoff().toMillis();
        long exponential = attempt >= 40 ? max : Math.min(max, initial * (1L << Math.max(0, attempt - 1)));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
