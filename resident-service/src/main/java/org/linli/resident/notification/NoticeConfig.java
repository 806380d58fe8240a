package org.linli.resident.notification;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How care-alert notices leave: {@code linli.notices.*}. Every key has a default or is optional; a channel whose
 * credentials (or template for a kind of notice) are not configured is simply not used. Secrets come from the
 * environment (e.g. {@code LINLI_NOTICES_SMS_ACCESS_KEY_SECRET}), never from the repository.
 */
@ConfigMapping(prefix = "linli.notices")
public interface NoticeConfig {

    /** The order channels are tried in for someone who stated no preference of their own. */
    @WithDefault("wechat,sms,email")
    List<String> order();

    /** Attempts on one channel before the next channel is tried (a channel's permanent refusal ends them at once). */
    @WithName("max-attempts")
    @WithDefault("3")
    int maxAttempts();

    /** The wait before the second attempt on a channel; it doubles for each further attempt, up to {@link #maxBackoff}. */
    @WithName("first-backoff")
    @WithDefault("5s")
    Duration firstBackoff();

    @WithName("max-backoff")
    @WithDefault("5m")
    Duration maxBackoff();

    /**
     * How long a sender may hold a claimed notice. A notice still claimed after that (its sender stopped mid-send) is
     * not sent again (it may have left): it is marked UNCERTAIN and the duty desk is told.
     */
    @WithName("sending-lease")
    @WithDefault("2m")
    Duration sendingLease();

    /** How often due retries and stalled notices are looked for (read by the @Scheduled expression). */
    @WithDefault("5s")
    String poll();

    Log log();

    Sms sms();

    Wechat wechat();

    Email email();

    /** The logged channel: the local default; it writes references only, and the text only when show-text is set. */
    interface Log {
        /** Use the logged channel (after any real channel): development, tests and local runs. */
        @WithDefault("false")
        boolean enabled();

        /** Log the rendered text too: a developer's local run with made-up people only, never production. */
        @WithName("show-text")
        @WithDefault("false")
        boolean showText();
    }

    /** Alibaba Cloud SMS (dysmsapi, SendSms, RPC style, signature method HMAC-SHA1 version 1.0). */
    interface Sms {
        @WithName("access-key-id")
        Optional<String> accessKeyId();

        @WithName("access-key-secret")
        Optional<String> accessKeySecret();

        @WithDefault("https://dysmsapi.aliyuncs.com/")
        URI endpoint();

        @WithName("region-id")
        @WithDefault("cn-hangzhou")
        String regionId();

        /** The approved SMS signature (签名), e.g. 邻里. */
        @WithName("sign-name")
        Optional<String> signName();

        /** Approved template codes (SMS_123456789), one per kind of notice. */
        Templates templates();

        @WithDefault("10s")
        Duration timeout();
    }

    /** WeChat subscription messages (subscribe/send) with an access token from cgi-bin/token, cached until it expires. */
    interface Wechat {
        @WithName("app-id")
        Optional<String> appId();

        @WithName("app-secret")
        Optional<String> appSecret();

        @WithName("base-url")
        @WithDefault("https://api.weixin.qq.com")
        URI baseUrl();

        /** Subscription template ids, one per kind of notice. */
        Templates templates();

        /** The mini program page a tap opens (optional). */
        Optional<String> page();

        /** formal, trial or developer. */
        @WithName("miniprogram-state")
        @WithDefault("formal")
        String miniprogramState();

        /** The template's keyword for each value Linli fills in (thing = at most 20 characters). */
        @WithName("field-name")
        @WithDefault("thing1")
        String fieldName();

        @WithName("field-event")
        @WithDefault("thing2")
        String fieldEvent();

        @WithName("field-ref")
        @WithDefault("character_string3")
        String fieldRef();

        @WithName("field-time")
        @WithDefault("time4")
        String fieldTime();

        @WithDefault("10s")
        Duration timeout();
    }

    /** E-mail over SMTP through quarkus-mailer (quarkus.mailer.host, port, from, username, password, tls). */
    interface Email {
        @WithDefault("false")
        boolean enabled();
    }

    /** A provider's template for each kind of notice; a kind without one is not sent through that provider. */
    interface Templates {
        /** To an emergency contact: name, event. */
        Optional<String> family();

        /** To a grid head: name, event, ref. */
        @WithName("grid-head")
        Optional<String> gridHead();

        /** To the duty desk when an urgent alert is raised or there is no grid head: event, ref. */
        @WithName("duty-desk")
        Optional<String> dutyDesk();

        /** To the duty desk when nobody acknowledged in time: event, ref. */
        Optional<String> escalated();

        /** To the duty desk when someone could not be reached: event, ref. */
        Optional<String> fallback();

        default Optional<String> of(String template) {
            return switch (template) {
                case NoticeTexts.FAMILY -> family();
                case NoticeTexts.GRID_HEAD -> gridHead();
                case NoticeTexts.DUTY_DESK -> dutyDesk();
                case NoticeTexts.ESCALATED -> escalated();
                case NoticeTexts.FALLBACK -> fallback();
                default -> Optional.empty();
            };
        }
    }
}
