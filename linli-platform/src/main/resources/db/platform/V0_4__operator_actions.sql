-- What an operator did to the plumbing (retry or discard a parked outbox event, replay or discard a dead letter): who,
-- when, why, to what. Kept apart from any domain's audit trail; it holds ids and types, never an event's data.
create table operator_action (
    id          uuid primary key,
    at          timestamptz not null,
    operator    text not null,
    action      text not null,
    target      text not null,
    detail      text,
    reason      text not null
);
create index operator_action_at on operator_action (at desc);
