package org.linli.resident.notification;

import java.util.Map;
import java.util.UUID;

/**
 * What a notice says, rendered from {@link NoticeTexts} with no more personal data than the recipient needs.
 *
 * @param noticeId the notice record (sent to providers as the caller's reference, e.g. Alibaba's OutId)
 * @param template family, grid-head, duty-desk, escalated or fallback: which provider template to use
 * @param language zh or en, of subject and text
 * @param subject a short subject (e-mail)
 * @param text the whole message (e-mail, the logged channel)
 * @param params the values a provider's template fills in, exactly those the template has (always Chinese: SMS and
 *        WeChat templates are approved in Chinese)
 * @param time when the alert was raised, as WeChat's time keyword takes it (2026年12月1日 11:30), in the community's time
 */
public record NoticeMessage(UUID noticeId, String template, String language, String subject, String text,
        Map<String, String> params, String time) {

    @Override
    public String toString() {
        return "NoticeMessage[" + noticeId + ", " + template + "]";
    }
}
