-- Care-alert notices that reach people (SMS, WeChat, e-mail). Each alert_notification row is now one notice to one
-- recipient for one stage of an alert, sent at most once: claimed by a status transition before anything leaves,
-- retried with backoff, passed on to the next channel, and last to the community's duty desk.
--   stage:  RAISED (the alert was raised), ESCALATED (nobody acknowledged in time), FALLBACK (someone could not be
--           reached: the duty desk is told); null for the notices written before this migration.
--   status: PENDING (waiting for its next attempt at next_attempt_at), SENDING (claimed until claimed_until),
--           SENT, FAILED (no channel took it), UNCERTAIN (a sender stopped mid-send: not sent again), CANCELLED
--           (the contact was removed or the consent withdrawn before it left).
alter table alert_notification add column stage varchar(20);
alter table alert_notification add column status varchar(20);
alter table alert_notification add column attempts int not null default 0;
alter table alert_notification add column next_attempt_at timestamptz;
alter table alert_notification add column claimed_until timestamptz;
alter table alert_notification add column last_error varchar(120);
update alert_notification set status = case when delivered then 'SENT' else 'FAILED' end;
alter table alert_notification alter column status set not null;
-- never twice for the same alert, person and stage (older notices keep stage null and are not constrained)
create unique index alert_notification_once on alert_notification (alert_id, recipient_kind, recipient_ref, stage)
    where stage is not null;
create index alert_notification_due on alert_notification (next_attempt_at) where status = 'PENDING';
create index alert_notification_claimed on alert_notification (claimed_until) where status = 'SENDING';

-- Every try of a notice on a channel and what the channel answered (a provider's code, never personal data).
create table notice_attempt (
    id               uuid primary key,
    notification_id  uuid        not null references alert_notification (id),
    channel          varchar(30) not null,
    at               timestamptz not null,
    outcome          varchar(20) not null, -- ACCEPTED, RETRY (refused for now), REFUSED (for good), UNCERTAIN
    detail           varchar(120)
);
create index notice_attempt_notification on notice_attempt (notification_id, at);

-- How a person (an emergency contact, a grid head, a community's duty desk) wants to be reached beyond the phone the
-- registry keeps: a WeChat openid and an e-mail address they gave, the order of channels they prefer, their language.
-- Addresses are encrypted like every other contact detail.
create table notice_recipient (
    recipient_kind        varchar(30)  not null, -- EMERGENCY_CONTACT (ref: contact id), GRID_HEAD (resident id), DUTY_DESK (community)
    recipient_ref         varchar(100) not null,
    language              varchar(5)   not null default 'zh',
    channels              varchar(60),           -- e.g. 'wechat,sms,email'; null: the deployment's order
    phone_cipher          bytea,                 -- only for the duty desk, or to override the registry's phone
    email_cipher          bytea,
    wechat_openid_cipher  bytea,
    updated_at            timestamptz  not null,
    primary key (recipient_kind, recipient_ref)
);
