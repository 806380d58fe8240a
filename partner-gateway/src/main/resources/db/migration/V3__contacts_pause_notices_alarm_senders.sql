-- A partner's technical contact (an e-mail address, optional), told when a subscription is paused. Stored
-- AES-256-GCM encrypted like the signing secrets: it may name a person.
alter table partner add column technical_contact varchar(1000);

-- One notice per pause of a subscription after its retry window: written in the transaction that pauses it (so a pause
-- has its notice and a subscription already paused gets none), sent by PauseNotices. PENDING until the mail server
-- took it (SENT) or the partner had no contact to tell (NO_CONTACT); a mail server that is down delays it (backoff).
create table pause_notice (
    id               uuid         primary key,
    subscription_id  uuid         not null references subscription (id),
    partner_id       varchar(64)  not null,
    paused_at        timestamptz  not null,
    failing_since    timestamptz  not null,              -- first failed attempt of the delivery given up
    last_failure     varchar(100) not null,              -- "HTTP 500", "ConnectException", "endpoint refused" (no address)
    status           varchar(16)  not null,              -- PENDING, SENT, NO_CONTACT
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       varchar(200),                       -- why the last send failed (the exception's class)
    sent_at          timestamptz
);
create unique index pause_notice_once on pause_notice (subscription_id, paused_at);
create index pause_notice_due on pause_notice (next_attempt_at) where status = 'PENDING';

-- Which device vendor sent the alarm that raised a care alert: its alerts' webhooks go to it alone.
create table alarm_sender (
    alert_id     uuid         primary key,
    partner_id   varchar(64)  not null references partner (id),
    recorded_at  timestamptz  not null
);
-- Alarms taken before this version: the inbound log (kept a day) names the care alert each one raised
-- ("care-alert <id>"), so their acknowledged and resolved webhooks still reach their vendor.
insert into alarm_sender (alert_id, partner_id, recorded_at)
select cast(substring(m.outcome from 12) as uuid), m.partner_id, m.received_at
from inbound_message m join partner p on p.id = m.partner_id
where m.kind = 'device-alarm'
  and m.outcome ~ '^care-alert [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
on conflict (alert_id) do nothing;

-- A device alarm's care-alert event read before the gateway had recorded who sent the alarm (resident-service's event
-- can overtake the gateway's commit): held, and fanned out when the sender is recorded. Unclaimed ones (an alarm that
-- did not come through the gateway) are deleted after a day.
create table held_alert_event (
    event_id   varchar(200) primary key,
    alert_id   uuid         not null,
    event_key  varchar(200),
    event      text         not null,
    held_at    timestamptz  not null
);
create index held_alert_event_alert on held_alert_event (alert_id);
