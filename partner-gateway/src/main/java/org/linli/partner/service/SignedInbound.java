package org.linli.partner.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.partner.domain.InboundSecret;
import org.linli.partner.domain.Partner;
import org.linli.partner.domain.PartnerKind;
import org.linli.platform.problem.ConflictProblem;

/**
 * A message a partner sends in, signed as Standard Webhooks specifies with its inbound secret: the sender must be a
 * partner of the expected kind, the {@code webhook-timestamp} within the tolerance and the signature must verify with
 * one of its valid secrets (else {@link SignatureRefused}, 401); a {@code webhook-id} is taken once per partner (else
 * 409). For every message partners send in: device vendors' alarms, canteen operators' meal reports.
 */
@ApplicationScoped
public class SignedInbound {

    private final PartnerConfig config;
    private final EntityManager entityManager;
    private final Clock clock;
    private final SecretCipher cipher;

    SignedInbound(PartnerConfig config, EntityManager entityManager, Clock clock, SecretCipher cipher) {
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** The sending partner, if the message is signed by it, fresh, and it is of the kind that sends such messages. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Partner verify(String partnerId, PartnerKind kind, String webhookId, String timestamp, String signature,
            String body) {
        Partner partner = null;
        if (partnerId != null) {
            partner = Partner.findById(partnerId);
        }
        if (partner == null || partner.kind != kind) {
            throw new SignatureRefused("unknown sender");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw new SignatureRefused("no timestamp");
        }
        if (Math.abs(Instant.now(clock).getEpochSecond() - seconds) > config.inbound().tolerance().toSeconds()) {
            throw new SignatureRefused("stale timestamp");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> secrets = InboundSecret.<InboundSecret>list("partnerId = ?1", partner.id).stream()
                .filter(s -> s.validAt(now)).map(s -> cipher.open(s.secret)).toList();
        if (webhookId == null || webhookId.isBlank() || webhookId.length() > 200
                || !WebhookSignature.verifies(secrets, webhookId, seconds, body == null ? "" : body, signature)) {
            throw new SignatureRefused("signature does not verify");
        }
        return partner;
    }

    /** Takes the message's webhook-id for the partner (in the caller's transaction); 409 if it was taken before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(Partner partner, String webhookId, String kind) {
        int fresh = entityManager.createNativeQuery("""
                insert into inbound_message (partner_id, webhook_id, kind, received_at) values (?1, ?2, ?3, now())
                on conflict do nothing""").setParameter(1, partner.id).setParameter(2, webhookId).setParameter(3, kind)
                .executeUpdate();
        if (fresh == 0) {
            throw new ConflictProblem("Message " + webhookId + " was received before");
        }
    }

    /** Gives a taken webhook-id back (the message could not be handled: the partner sends it again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String partnerId, String webhookId) {
        entityManager.createNativeQuery("delete from inbound_message where partner_id = ?1 and webhook_id = ?2")
                .setParameter(1, partnerId).setParameter(2, webhookId).executeUpdate();
    }

    /** What became of a taken message, for the record (ids and counts only). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outcome(String partnerId, String webhookId, String outcome) {
        entityManager.createNativeQuery("update inbound_message set outcome = ?3 where partner_id = ?1 and webhook_id = ?2")
                .setParameter(1, partnerId).setParameter(2, webhookId)
                .setParameter(3, outcome.length() <= 200 ? outcome : outcome.substring(0, 200)).executeUpdate();
    }
}
