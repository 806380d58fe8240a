package org.linli.partner.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.partner.domain.Partner;
import org.linli.partner.domain.SigningSecret;
import org.linli.partner.domain.Subscription;
import org.linli.partner.domain.SubscriptionStatus;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.logging.Log;

/**
 * A partner's endpoints: subscribing one to event types (its signing secret is shown once, at creation), rolling the
 * secret without downtime, pausing and resuming.
 */
@ApplicationScoped
@Transactional
public class Subscriptions {

    private final PartnerScope scope;
    private final PartnerConfig config;
    private final Clock clock;
    private final EntityManager entityManager;
    private final SecretCipher cipher;
    private final EndpointGuard guard;

    Subscriptions(PartnerScope scope, PartnerConfig config, Clock clock, EntityManager entityManager, SecretCipher cipher,
            EndpointGuard guard) {
        this.scope = scope;
        this.config = config;
        this.clock = clock;
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.guard = guard;
    }

    /** A new subscription with the secret it signs with (shown this once). */
    public record Created(Subscription subscription, String secret) {
    }

    /** A new secret, and until when the one it replaces still signs deliveries. */
    public record Rolled(Subscription subscription, String secret, OffsetDateTime previousValidUntil) {
    }

    public Created subscribe(String partnerId, String url, List<String> eventTypes) {
        Partner partner = scope.usable(partnerId);
        List<String> types = new ArrayList<>(new LinkedHashSet<>(eventTypes));
        for (String type : types) {
            if (!partner.eventTypes.contains(type)) {
                throw new InvalidRequestProblem("eventTypes", type + " is not an event type this partner may receive");
            }
        }
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.partnerId = partner.id;
        subscription.url = endpoint(url);
        subscription.eventTypes = types;
        subscription.status = SubscriptionStatus.ACTIVE;
        subscription.createdAt = OffsetDateTime.now(clock);
        subscription.persist();
        String secret = newSecret(subscription.id);
        Log.infof("Partner %s subscribed %s to %s", partner.id, subscription.id, types);
        return new Created(subscription, secret);
    }

    public List<Subscription> of(String partnerId) {
        scope.usable(partnerId);
        return Subscription.list("partnerId = ?1 order by createdAt", partnerId);
    }

    public Subscription get(String partnerId, UUID subscriptionId) {
        scope.usable(partnerId);
        Subscription subscription = Subscription.findById(subscriptionId);
        if (subscription == null || !subscription.partnerId.equals(partnerId)) {
            throw new NotFoundProblem("No subscription " + subscriptionId);
        }
        return subscription;
    }

    /**
     * A new current secret. The one it replaces keeps signing (both signatures travel in {@code webhook-signature}) for
     * {@code linli.partner.secret-overlap}, so the partner can switch its verifier at leisure.
     */
    public Rolled roll(String partnerId, UUID subscriptionId) {
        Subscription subscription = get(partnerId, subscriptionId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime until = now.plus(config.secretOverlap());
        List<SigningSecret> current = SigningSecret.list("subscriptionId = ?1 and expiresAt is null", subscription.id);
        current.forEach(secret -> secret.expiresAt = until);
        String fresh = newSecret(subscription.id);
        Log.infof("Secret of subscription %s rolled; the previous one signs until %s", subscription.id, until);
        return new Rolled(subscription, fresh, until);
    }

    public Subscription pause(String partnerId, UUID subscriptionId) {
        Subscription subscription = get(partnerId, subscriptionId);
        if (subscription.status == SubscriptionStatus.ACTIVE) {
            subscription.status = SubscriptionStatus.PAUSED;
            subscription.pausedAt = OffsetDateTime.now(clock);
            subscription.pausedReason = "Paused by " + (scope.ownPartner().isPresent() ? "the partner" : "Linli staff");
        }
        return subscription;
    }

    /** Sends again: deliveries given up are retried from the start, in their order. */
    public Subscription resume(String partnerId, UUID subscriptionId) {
        Subscription subscription = get(partnerId, subscriptionId);
        subscription.status = SubscriptionStatus.ACTIVE;
        subscription.pausedAt = null;
        subscription.pausedReason = null;
        int requeued = entityManager.createNativeQuery("""
                update delivery set status = 'PENDING', attempts = 0, failing_since = null, next_attempt_at = now()
                where subscription_id = ?1 and status = 'FAILED'""").setParameter(1, subscription.id).executeUpdate();
        Log.infof("Subscription %s resumed; %d deliveries given up are queued again", subscription.id, requeued);
        return subscription;
    }

    /** Stores a fresh secret (encrypted) and answers it in clear, to be shown this once. */
    private String newSecret(UUID subscriptionId) {
        String plain = WebhookSignature.newSecret();
        SigningSecret secret = new SigningSecret();
        secret.id = UUID.randomUUID();
        secret.subscriptionId = subscriptionId;
        secret.secret = cipher.seal(plain);
        secret.createdAt = OffsetDateTime.now(clock);
        secret.persist();
        return plain;
    }

    private String endpoint(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequestProblem("url", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && config.allowPlainHttp())) {
            throw new InvalidRequestProblem("url", "must be an https:// URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidRequestProblem("url", "must not carry credentials");
        }
        guard.refusal(uri).ifPresent(reason -> {
            throw new EndpointRefused(reason);
        });
        return uri.toString();
    }
}
