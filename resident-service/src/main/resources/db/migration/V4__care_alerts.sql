-- Care alerts: a missed door, a worrying welfare check, a gas or smoke alarm. Who was told, who acted, when.
create table care_alert (
    id               uuid primary key,
    community_id     varchar(64)  not null,
    district_id      varchar(64),
    resident_id      uuid references resident (id),
    household_id     uuid references household (id),
    grid_id          uuid,
    cause            varchar(30)  not null,
    source_ref       varchar(200) not null,
    status           varchar(20)  not null,
    raised_at        timestamptz  not null,
    escalated_at     timestamptz,
    acknowledged_by  varchar(100),
    acknowledged_at  timestamptz,
    acknowledgement  varchar(500),
    resolved_by      varchar(100),
    resolved_at      timestamptz,
    resolution       varchar(500),
    unique (cause, source_ref)
);
create index care_alert_open on care_alert (community_id, raised_at) where status <> 'RESOLVED';
create index care_alert_unacknowledged on care_alert (raised_at) where status = 'RAISED';

create table alert_notification (
    id              uuid primary key,
    alert_id        uuid         not null references care_alert (id),
    recipient_kind  varchar(30)  not null,
    recipient_ref   varchar(100) not null,
    channel         varchar(30)  not null,
    sent_at         timestamptz  not null,
    delivered       boolean      not null
);
create index alert_notification_alert on alert_notification (alert_id);

-- When someone last saw the resident: a confirmed volunteer visit, a delivered lunch.
create table last_contact (
    resident_id  uuid primary key references resident (id),
    at           timestamptz not null,
    kind         varchar(30) not null
);
