-- Platform tables every service database has. Platform migrations are numbered V0_x so they
-- sort before each service's own V1, V2, ...; Flyway runs out of order so a later V0_x still applies.

-- Transactional outbox: written in the business transaction, published by the relay.
create table outbox_event (
    seq           bigint generated always as identity primary key,
    id            uuid         not null unique,
    topic         varchar(200) not null,
    record_key    varchar(200) not null,
    type          varchar(200) not null,
    source        varchar(200) not null,
    subject       varchar(300),
    community_id  varchar(64),
    occurred_at   timestamptz  not null,
    data          jsonb        not null,
    published_at  timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Idempotent inbox: one row per (consumer, event id), written with the consumer's effect.
create table inbox_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    event_type   varchar(200) not null,
    received_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index inbox_event_received_at on inbox_event (received_at);
