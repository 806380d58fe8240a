package org.linli.resident.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.linli.resident.domain.AlertCause;

/**
 * The words of every care-alert notice, Chinese first and English second, with no more personal data than the
 * recipient needs: a family member reads what their relative is called at the door (赵阿姨), never a full name, an
 * address, an ID number or anyone's phone; a grid head reads the same and a short alert reference to find it in the
 * console; the duty desk reads what happened and the reference, no name at all.
 *
 * <p>SMS and WeChat templates are approved by the provider in Chinese with these variables:
 * <pre>
 * family     【邻里】您的家人${name}${event}，社区已收到告警并在处理，方便时请与家人联系。
 * grid-head  【邻里】您网格内的${name}${event}，请尽快上门查看，并在邻里工作台确认告警（编号${ref}）。
 * duty-desk  【邻里】有居民${event}（告警编号${ref}），请值班人员立即处理。
 * escalated  【邻里】告警${ref}（居民${event}）无人确认已超时，请值班人员立即处理。
 * fallback   【邻里】告警${ref}（居民${event}）未能通知到家属或网格长，请值班人员电话联系。
 * </pre>
 */
public final class NoticeTexts {

    public static final String FAMILY = "family";
    public static final String GRID_HEAD = "grid-head";
    public static final String DUTY_DESK = "duty-desk";
    public static final String ESCALATED = "escalated";
    public static final String FALLBACK = "fallback";

    private NoticeTexts() {
    }

    /** What happened, as the end of a sentence about the resident. */
    static String event(AlertCause cause, String language) {
        boolean en = "en".equals(language);
        return switch (cause) {
            case DELIVERY_MISSED -> en ? "did not answer the door when lunch was brought today" : "今天送餐时无人应答";
            case WELFARE_CONCERN -> en ? "seemed unwell when lunch was brought today" : "今天送餐时身体状况令人担心";
            case GAS_ALARM -> en ? "has a gas alarm going off at home" : "家中燃气报警器报警";
            case SMOKE_ALARM -> en ? "has a smoke alarm going off at home" : "家中烟雾报警器报警";
        };
    }

    /** The alert's short reference, enough to find it in the console. */
    static String ref(UUID alertId) {
        return alertId.toString().substring(0, 8);
    }

    /**
     * The message for one recipient.
     *
     * @param template family, grid-head, duty-desk, escalated or fallback
     * @param callName what the resident is called (赵阿姨), or null for a household alarm
     */
    static NoticeMessage render(UUID noticeId, String template, String language, AlertCause cause, String callName,
            UUID alertId, String time) {
        boolean en = "en".equals(language);
        String lang = en ? "en" : "zh";
        String ref = ref(alertId);
        String event = event(cause, lang);
        Map<String, String> params = new LinkedHashMap<>();
        String subject;
        String text;
        switch (template) {
            case FAMILY -> {
                String name = callName == null ? (en ? "(your relative)" : "") : callName;
                params.put("name", callName == null ? "" : callName);
                params.put("event", event(cause, "zh"));
                subject = en ? "Linli: news about your family member" : "【邻里】家人关怀提醒";
                text = en ? "Linli: your family member " + name + " " + event
                        + ". The community has the alert and is on it; please get in touch with them when you can."
                        : "【邻里】您的家人" + name + event + "，社区已收到告警并在处理，方便时请与家人联系。";
            }
            case GRID_HEAD -> {
                String name = callName == null ? (en ? "a household" : "一户居民") : callName;
                params.put("name", callName == null ? "一户居民" : callName);
                params.put("event", event(cause, "zh"));
                params.put("ref", ref);
                subject = en ? "Linli: a care alert in your grid" : "【邻里】网格告警";
                text = en ? "Linli: " + name + " in your grid " + event + ". Please go and see them, and take the alert on "
                        + "in the Linli console (alert " + ref + ")."
                        : "【邻里】您网格内的" + name + event + "，请尽快上门查看，并在邻里工作台确认告警（编号" + ref + "）。";
            }
            case DUTY_DESK -> {
                params.put("event", event(cause, "zh"));
                params.put("ref", ref);
                subject = en ? "Linli: care alert for the duty desk" : "【邻里】值班告警";
                text = en ? "Linli: a resident " + event + " (alert " + ref + "). Duty desk, please act now."
                        : "【邻里】有居民" + event + "（告警编号" + ref + "），请值班人员立即处理。";
            }
            case ESCALATED -> {
                params.put("event", event(cause, "zh"));
                params.put("ref", ref);
                subject = en ? "Linli: nobody has taken on an alert" : "【邻里】告警超时无人确认";
                text = en ? "Linli: nobody has taken on alert " + ref + " (a resident " + event + ") in time. "
                        + "Duty desk, please act now."
                        : "【邻里】告警" + ref + "（居民" + event + "）无人确认已超时，请值班人员立即处理。";
            }
            case FALLBACK -> {
                params.put("event", event(cause, "zh"));
                params.put("ref", ref);
                subject = en ? "Linli: someone could not be reached" : "【邻里】告警通知未送达";
                text = en ? "Linli: alert " + ref + " (a resident " + event + ") could not reach the family or the grid head. "
                        + "Duty desk, please phone them."
                        : "【邻里】告警" + ref + "（居民" + event + "）未能通知到家属或网格长，请值班人员电话联系。";
            }
            default -> throw new IllegalArgumentException("No notice template " + template);
        }
        return new NoticeMessage(noticeId, template, lang, subject, text, java.util.Collections.unmodifiableMap(params), time);
    }
}
