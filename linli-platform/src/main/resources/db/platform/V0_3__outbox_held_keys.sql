-- A parked event holds back the later events with its own key, so that an aggregate's events stay in order; an
-- operator sets its parked_at to null to retry it, or deletes the row to give it up, and the held events follow.
-- The relay asks, for each candidate, whether a parked event of the same topic and key comes before it. Parked
-- events are few: a small partial index answers that without reading the published history.
create index outbox_event_parked on outbox_event (topic, record_key, seq) where parked_at is not null and published_at is null;
