package org.linli.partner.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The e-mail telling a partner's technical contact that a subscription was paused: which subscription (its id and its
 * endpoint's host, not the full URL), since when it failed, the last failure, and the call that resumes it. Chinese
 * first (times in China Standard Time), then English (times in UTC). Plain text; nothing about residents.
 */
public record PauseNoticeMessage(String subject, String text) {

    private static final DateTimeFormatter CHINA = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A pause as the notice tells it; {@code contact} is the address it goes to (null: the partner has none). */
    public record Pause(UUID id, UUID subscriptionId, String partnerId, String host, Instant pausedAt, Instant failingSince,
            String lastFailure, int attempts, String contact) {
    }

    static PauseNoticeMessage of(Pause pause, PartnerConfig config) {
        long hours = config.retry().giveUpAfter().toHours();
        String resume = config.notices().apiUrl().map(url -> url.replaceAll("/+$", "")).orElse("")
                + "/partners/" + pause.partnerId() + "/subscriptions/" + pause.subscriptionId() + "/resume";
        String subject = "【邻里】Webhook 订阅已暂停 / Linli webhook subscription paused: " + pause.subscriptionId();
        String text = """
                您好，

                贵方（%1$s）在邻里的 Webhook 订阅连续 %2$d 小时投递失败，已于 %3$s（北京时间）暂停。
                  订阅：%4$s
                  端点主机：%5$s
                  失败开始于：%6$s（北京时间）
                  最后一次失败：%7$s
                暂停期间的事件会保留，不会丢失。请修复端点（对每条消息尽快返回 2xx），然后用贵方的访问令牌调用：
                  POST %8$s
                恢复后，未送达的事件将按原顺序重新发送。投递记录见 GET /partners/%1$s/deliveries?status=FAILED。

                ----

                Hello,

                Your Linli webhook subscription (partner %1$s) was paused at %9$s after its deliveries had failed for
                %2$d hours.
                  Subscription: %4$s
                  Endpoint host: %5$s
                  Failing since: %10$s
                  Last failure: %7$s
                Events are kept while it is paused; nothing is lost. Fix the endpoint (answer 2xx quickly), then call,
                with your partner access token:
                  POST %8$s
                Everything not delivered is then sent again, in order. The delivery log:
                GET /partners/%1$s/deliveries?status=FAILED.

                -- Linli partner gateway (notice %11$s)
                """.formatted(pause.partnerId(), hours, CHINA.format(pause.pausedAt()), pause.subscriptionId(), pause.host(),
                CHINA.format(pause.failingSince()), pause.lastFailure(), resume, UTC.format(pause.pausedAt()),
                UTC.format(pause.failingSince()), pause.id());
        return new PauseNoticeMessage(subject, text);
    }
}
