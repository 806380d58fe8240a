-- Which key material each personal-data key id named when the service first ran with it: a check value per key (an
-- HMAC-SHA256 of a fixed label under the key, truncated; it reveals nothing of the key). PiiKeyFingerprints compares
-- the configured keys with it at every start and refuses to start when an id names another key than it did: a key
-- changed without a new id would seal values that no longer open with the old key's id, or compute blind indexes
-- that silently no longer match the residents indexed before.
create table pii_key_fingerprint (
    purpose      text        not null check (purpose in ('encryption', 'blind-index')),
    key_id       smallint    not null check (key_id between 1 and 255),
    fingerprint  bytea       not null,
    first_seen   timestamptz not null,
    primary key (purpose, key_id)
);
