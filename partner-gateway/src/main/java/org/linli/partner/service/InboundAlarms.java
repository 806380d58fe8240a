package org.linli.partner.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.partner.domain.InboundSecret;
import org.linli.partner.domain.Partner;
import org.linli.partner.domain.PartnerKind;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Gas and smoke alarms a device vendor posts, signed as Standard Webhooks specifies with the vendor's inbound secret.
 * A message is taken only if its signature verifies, its {@code webhook-timestamp} is within the tolerance (five
 * minutes) and its {@code webhook-id} was never taken from this vendor before; then resident-service raises the care
 * alert, and the gateway records that this vendor sent the alarm behind that alert ({@link AlarmSenders}: its webhooks go
 * to this vendor only). Everything happens in one transaction: a refused or failed message leaves no trace, so the
 * vendor may retry it under the same id.
 */
@ApplicationScoped
public class InboundAlarms {

    private static final Set<String> KINDS = Set.of("GAS_LEAK", "SMOKE");

    private final PartnerConfig config;
    private final PartnerScope scope;
    private final ResidentAlarms residents;
    private final SignedInbound inbound;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecretCipher cipher;
    private final AlarmSenders senders;
    private final Fanout fanout;

    InboundAlarms(PartnerConfig config, PartnerScope scope, ResidentAlarms residents, SignedInbound inbound,
            ObjectMapper mapper, Clock clock, SecretCipher cipher, AlarmSenders senders, Fanout fanout) {
        this.cipher = cipher;
        this.senders = senders;
        this.fanout = fanout;
        this.config = config;
        this.scope = scope;
        this.residents = residents;
        this.inbound = inbound;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A device alarm as the vendor posts it (the body they sign). */
    public record DeviceAlarm(String alarmId, String communityId, UUID householdId, String kind, String deviceId,
            OffsetDateTime occurredAt) {
    }

    /** A new inbound secret and until when the previous one still verifies. */
    public record RolledSecret(String secret, OffsetDateTime previousValidUntil) {
    }

    @Transactional
    public ResidentAlarms.Receipt receive(String partnerId, String webhookId, String timestamp, String signature,
            String body) {
        Partner partner = inbound.verify(partnerId, PartnerKind.DEVICE_VENDOR, webhookId, timestamp, signature, body);
        inbound.take(partner, webhookId, "device-alarm");
        DeviceAlarm alarm = read(body);
        if (!partner.serves(alarm.communityId())) {
            throw new NotFoundProblem("No community " + alarm.communityId() + " among the partner's");
        }
        // the vendor's alarm id, prefixed with the vendor: two vendors' alarm ids never make one alert
        ResidentAlarms.Receipt receipt = residents.report(new ResidentAlarms.Alarm(partner.id + ":" + alarm.alarmId(),
                alarm.communityId(), alarm.householdId(), alarm.kind(), alarm.deviceId(), alarm.occurredAt()));
        inbound.outcome(partner.id, webhookId, "care-alert " + receipt.alertId());
        // the alert's webhooks go to this vendor alone; events of it read before now go out now
        senders.record(receipt.alertId(), partner.id).forEach(held -> fanout.accept(held.event(), held.key()));
        Log.infof("Device alarm %s of partner %s: care alert %s (%s)", alarm.alarmId(), partner.id, receipt.alertId(),
                receipt.raised() ? "raised" : "known");
        return receipt;
    }

    /**
     * A new inbound secret for a device vendor or a canteen operator (shown once); the previous one verifies for the
     * overlap.
     */
    @Transactional
    public RolledSecret rollSecret(String partnerId) {
        Partner partner = scope.usable(partnerId);
        if (partner.kind != PartnerKind.DEVICE_VENDOR && partner.kind != PartnerKind.CANTEEN_OPERATOR) {
            throw new InvalidRequestProblem("Only device vendors (alarms) and canteen operators (meal reports) send "
                    + "signed messages");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime until = now.plus(config.secretOverlap());
        List<InboundSecret> current = InboundSecret.list("partnerId = ?1 and expiresAt is null", partner.id);
        current.forEach(s -> s.expiresAt = until);
        InboundSecret fresh = new InboundSecret();
        fresh.id = UUID.randomUUID();
        fresh.partnerId = partner.id;
        String plain = WebhookSignature.newSecret();
        fresh.secret = cipher.seal(plain);
        fresh.createdAt = now;
        fresh.persist();
        return new RolledSecret(plain, current.isEmpty() ? null : until);
    }

    private DeviceAlarm read(String body) {
        DeviceAlarm alarm;
        try {
            alarm = mapper.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).forType(DeviceAlarm.class)
                    .readValue(body);
        } catch (java.io.IOException e) {
            throw new InvalidRequestProblem("The body is not a device alarm");
        }
        if (alarm == null || alarm.alarmId() == null || !alarm.alarmId().matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new InvalidRequestProblem("alarmId", "must be 1 to 100 letters, digits or . _ : -");
        }
        if (alarm.communityId() == null || alarm.householdId() == null) {
            throw new InvalidRequestProblem("communityId and householdId are required");
        }
        if (alarm.kind() == null || !KINDS.contains(alarm.kind())) {
            throw new InvalidRequestProblem("kind", "must be GAS_LEAK or SMOKE");
        }
        if (alarm.deviceId() == null || alarm.deviceId().isBlank() || alarm.deviceId().length() > 100) {
            throw new InvalidRequestProblem("deviceId", "is required (at most 100 characters)");
        }
        return alarm;
    }
}
