-- An event the broker keeps refusing while it accepts others (a topic that does not exist, a record too
-- large) is parked after a few attempts instead of holding every other event back. Parked events show in
-- /q/health/well and wait for an operator (set parked_at to null to retry).
alter table outbox_event
    add column attempts   int not null default 0,
    add column parked_at  timestamptz;
drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (seq) where published_at is null and parked_at is null;
