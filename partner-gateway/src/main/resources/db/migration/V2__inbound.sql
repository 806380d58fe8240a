-- Inbound messages from partners (device vendors' alarms), signed the Standard Webhooks way with the partner's inbound
-- secret. A rolled secret stays valid until expires_at.
create table inbound_secret (
    id           uuid         primary key,
    partner_id   varchar(64)  not null references partner (id),
    secret       varchar(200) not null,
    created_at   timestamptz  not null,
    expires_at   timestamptz
);
create index inbound_secret_partner on inbound_secret (partner_id);

-- Every accepted inbound message id, per partner: the same webhook-id twice is a replay (409).
create table inbound_message (
    partner_id   varchar(64)  not null,
    webhook_id   varchar(200) not null,
    kind         varchar(40)  not null,
    received_at  timestamptz  not null,
    outcome      varchar(200),
    primary key (partner_id, webhook_id)
);
create index inbound_message_received on inbound_message (received_at);
