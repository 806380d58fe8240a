package org.linli.resident.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.privacy.PiiCipher;

/**
 * Records how a person wants care-alert notices (the application service behind a future "how to reach me" screen;
 * callers check who may change it). The rule for choosing channels, per notice:
 * <ol>
 * <li>the person's own order if they gave one, else linli.notices.order (default wechat, sms, email);</li>
 * <li>only channels that are configured for the kind of notice and for which an address is known: WeChat needs the
 * openid they gave, SMS a phone (an emergency contact's phone, a grid head's registered phone, or one given here),
 * e-mail an address given here; a family member is reached only at what they gave themself (or, when they live in a
 * community too, at their registered phone);</li>
 * <li>then the logged channel where it is enabled (local runs), and for the duty desk last the console's care queue.</li>
 * </ol>
 * Emergency contacts are told only while the resident's CARE_ALERTS consent is in force and the contact is not removed;
 * family members only while, in addition, their link holds the CARE_ALERTS purpose.
 */
@ApplicationScoped
public class NoticeRecipients {

    static final Set<String> KINDS = Set.of(AlertNotification.EMERGENCY_CONTACT, AlertNotification.FAMILY_MEMBER,
            AlertNotification.GRID_HEAD, AlertNotification.DUTY_DESK);
    static final Set<String> CHANNELS = Set.of("wechat", "sms", "email");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile(PhoneNumber.PATTERN);

    private final PiiCipher pii;
    private final Clock clock;

    NoticeRecipients(PiiCipher pii, Clock clock) {
        this.pii = pii;
        this.clock = clock;
    }

    /**
     * Sets how a person is reached (null clears a value).
     *
     * @param kind EMERGENCY_CONTACT, GRID_HEAD or DUTY_DESK
     * @param ref the contact id, the resident id, or the community
     * @param language zh or en (null: zh)
     * @param channels their preferred order (wechat, sms, email), or null for the deployment's order
     */
    @Transactional
    public void set(String kind, String ref, String language, List<String> channels, String phone, String email,
            String wechatOpenId) {
        if (!KINDS.contains(kind)) {
            throw new InvalidRequestProblem("kind", "one of " + KINDS);
        }
        if (language != null && !Set.of("zh", "en").contains(language)) {
            throw new InvalidRequestProblem("language", "zh or en");
        }
        if (channels != null && !CHANNELS.containsAll(channels)) {
            throw new InvalidRequestProblem("channels", "any of " + CHANNELS);
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidRequestProblem("phone", "a mainland mobile or landline number");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidRequestProblem("email", "an e-mail address");
        }
        NoticeRecipient recipient = NoticeRecipient.of(kind, ref);
        boolean fresh = recipient == null;
        if (fresh) {
            recipient = new NoticeRecipient();
            recipient.key = new NoticeRecipient.Key(kind, ref);
        }
        recipient.language = language == null ? "zh" : language;
        recipient.channels = channels == null || channels.isEmpty() ? null : String.join(",", channels);
        recipient.phoneCipher = phone == null ? null : pii.encrypt(phone);
        recipient.emailCipher = email == null ? null : pii.encrypt(email.strip());
        recipient.wechatOpenIdCipher = wechatOpenId == null ? null : pii.encrypt(wechatOpenId.strip());
        recipient.updatedAt = OffsetDateTime.now(clock);
        if (fresh) {
            recipient.persist();
        }
    }

    /** What a person gave for notices, decrypted: for showing it back to that person only. */
    public record Given(String language, List<String> channels, String phone, String email, String wechatOpenId) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Given> given(String kind, String ref) {
        NoticeRecipient recipient = NoticeRecipient.of(kind, ref);
        if (recipient == null) {
            return Optional.empty();
        }
        return Optional.of(new Given(recipient.language,
                recipient.channels == null ? List.of() : List.of(recipient.channels.split(",")),
                recipient.phoneCipher == null ? null : pii.decrypt(recipient.phoneCipher),
                recipient.emailCipher == null ? null : pii.decrypt(recipient.emailCipher),
                recipient.wechatOpenIdCipher == null ? null : pii.decrypt(recipient.wechatOpenIdCipher)));
    }

    /** Forgets everything a person gave for notices (they still get SMS on the phone the registry keeps). */
    @Transactional
    public void forget(String kind, String ref) {
        NoticeRecipient.delete("key.kind = ?1 and key.ref = ?2", kind, ref);
    }
}
