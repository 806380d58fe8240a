-- Partners (a bank, a canteen operator, a device vendor) and what each may see.
create table partner (
    id           varchar(64)  primary key,                 -- the partner's code, e.g. rural-commercial-bank (its tokens' "partner" claim)
    name         varchar(200) not null,                    -- the organisation's name (never a person's)
    kind         varchar(32)  not null,
    communities  text[]       not null,                    -- the communities it sponsors or serves
    event_types  text[]       not null,                    -- the webhook event types it may receive
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    version      bigint       not null default 0
);

-- A partner's HTTPS endpoint and the event types it wants there.
create table subscription (
    id            uuid         primary key,
    partner_id    varchar(64)  not null references partner (id),
    url           varchar(2000) not null,
    event_types   text[]       not null,
    status        varchar(16)  not null,                   -- ACTIVE or PAUSED
    paused_reason varchar(500),
    paused_at     timestamptz,
    created_at    timestamptz  not null,
    version       bigint       not null default 0
);
create index subscription_partner on subscription (partner_id);

-- Signing secrets ("whsec_" + base64). A rolled secret stays valid until expires_at; deliveries are signed with every
-- secret still valid, so a partner that has not switched yet keeps verifying.
create table signing_secret (
    id               uuid         primary key,
    subscription_id  uuid         not null references subscription (id),
    secret           varchar(200) not null,
    created_at       timestamptz  not null,
    expires_at       timestamptz
);
create index signing_secret_subscription on signing_secret (subscription_id);

-- One message to one subscription: written in the consumer's transaction (an outbox towards the partner), sent by the
-- dispatcher. seq orders deliveries of one subscription and event key.
create table delivery (
    seq              bigint generated always as identity,
    id               uuid         primary key,             -- the webhook-id the partner deduplicates by
    subscription_id  uuid         not null references subscription (id),
    partner_id       varchar(64)  not null,
    event_id         varchar(200) not null,
    event_type       varchar(200) not null,
    event_key        varchar(200) not null,
    community_id     varchar(64)  not null,
    occurred_at      timestamptz  not null,
    body             text         not null,                -- the exact bytes signed and sent
    status           varchar(16)  not null,                -- PENDING, DELIVERED, FAILED
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    last_status      int,
    last_error       varchar(500),
    failing_since    timestamptz,                          -- first failed attempt of the current run of failures
    created_at       timestamptz  not null,
    delivered_at     timestamptz,
    replay_of        uuid
);
-- an event reaches a subscription once (replays are copies that name their original)
create unique index delivery_once on delivery (event_id, subscription_id) where replay_of is null;
create unique index delivery_seq on delivery (seq);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_waiting on delivery (subscription_id, event_key, seq) where status <> 'DELIVERED';
create index delivery_log on delivery (partner_id, created_at desc);
create index delivery_occurred on delivery (partner_id, occurred_at);
