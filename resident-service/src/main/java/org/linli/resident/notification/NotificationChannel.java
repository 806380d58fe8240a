package org.linli.resident.notification;

/**
 * One way a care-alert notice leaves the system: SMS, WeChat, e-mail, the log (local runs), the duty desk's console.
 * {@link NoticeDispatcher} picks the channels per recipient, retries and falls back; a channel only sends.
 */
public interface NotificationChannel {

    /** The channel's name, stored with each notice and attempt: sms, wechat, email, log, console. */
    String name();

    /** Whether the channel is configured for this kind of notice and has an address for this recipient. */
    boolean canReach(Recipient recipient, NoticeMessage message);

    /** Sends once; never throws for an unreachable recipient or a provider's refusal (an {@link Outcome} says so). */
    Outcome send(Recipient recipient, NoticeMessage message);
}
