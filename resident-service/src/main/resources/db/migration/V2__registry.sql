-- The organisation tree: district → subdistrict → community → grid → building → unit.
create table org_unit (
    id              uuid primary key,
    kind            varchar(20)  not null,
    parent_id       uuid references org_unit (id),
    code            varchar(64),
    name            varchar(100) not null,
    district_code   varchar(64),
    community_code  varchar(64),
    created_at      timestamptz  not null
);
create unique index org_unit_code on org_unit (kind, code) where code is not null;
create index org_unit_parent on org_unit (parent_id, name);

create table household (
    id              uuid primary key,
    community_id    varchar(64)  not null,
    grid_id         uuid references org_unit (id),
    building_id     uuid references org_unit (id),
    unit_id         uuid not null references org_unit (id),
    door_number     varchar(20)  not null,
    created_at      timestamptz  not null,
    unique (unit_id, door_number)
);
create index household_community on household (community_id);

-- Residents: where they live, how to reach them (encrypted), party membership.
alter table resident
    add column district_id          varchar(64),
    add column household_id         uuid references household (id),
    add column relationship_to_head varchar(20),
    add column grid_id              uuid,
    add column building_id          uuid,
    add column unit_id              uuid,
    add column national_id_cipher   bytea,
    add column national_id_hash     bytea,
    add column phone_cipher         bytea,
    add column party_member         boolean not null default false,
    add column status               varchar(20) not null default 'ACTIVE',
    add column merged_into          uuid;
-- one national ID per city (a deployment serves a city); the keyed hash never reveals the number
create unique index resident_national_id on resident (national_id_hash) where national_id_hash is not null and status <> 'MERGED';
create index resident_duplicate_check on resident (name, birth_date);
create index resident_grid on resident (community_id, grid_id, status);
create index resident_unit on resident (unit_id);
create index resident_household on resident (household_id);

-- Where a resident lived and when: moving keeps history; nothing is ever deleted.
create table residency (
    id            uuid primary key,
    resident_id   uuid not null references resident (id),
    household_id  uuid references household (id),
    relationship_to_head varchar(20),
    moved_in_on   date not null,
    moved_out_on  date,
    reason        varchar(200)
);
create index residency_resident on residency (resident_id, moved_in_on);

create table emergency_contact (
    id            uuid primary key,
    resident_id   uuid not null references resident (id),
    name          varchar(100) not null,
    relationship  varchar(30)  not null,
    phone_cipher  bytea        not null,
    priority      int          not null,
    created_at    timestamptz  not null,
    removed_at    timestamptz
);
create index emergency_contact_resident on emergency_contact (resident_id) where removed_at is null;

-- What the resident agreed to (PIPL): who recorded it, when, until when, and withdrawal.
create table consent (
    id            uuid primary key,
    resident_id   uuid not null references resident (id),
    purpose       varchar(30)  not null,
    recorded_by   varchar(100) not null,
    granted_at    timestamptz  not null,
    valid_until   date,
    withdrawn_at  timestamptz,
    withdrawn_by  varchar(100)
);
create index consent_resident on consent (resident_id, purpose);

-- Who read a sensitive field or changed something, and when. Never the values.
create table audit_entry (
    id            bigint generated always as identity primary key,
    at            timestamptz  not null,
    actor         varchar(100) not null,
    actor_roles   varchar(200) not null,
    community_id  varchar(64),
    action        varchar(40)  not null,
    subject_type  varchar(40)  not null,
    subject_id    varchar(64)  not null,
    fields        varchar(300)
);
create index audit_entry_subject on audit_entry (subject_id, at);
create index audit_entry_community on audit_entry (community_id, at);

-- Same name and birth date: maybe the same person registered twice; a worker merges or dismisses.
create table duplicate_suspect (
    id            uuid primary key,
    community_id  varchar(64) not null,
    resident_id   uuid not null references resident (id),
    other_id      uuid not null references resident (id),
    status        varchar(20) not null,
    raised_at     timestamptz not null,
    decided_by    varchar(100),
    decided_at    timestamptz
);
create index duplicate_suspect_open on duplicate_suspect (community_id) where status = 'OPEN';

-- The three heads (三长): grid head, building head, unit head.
create table head_assignment (
    id            uuid primary key,
    community_id  varchar(64) not null,
    resident_id   uuid not null references resident (id),
    kind          varchar(20) not null,
    org_unit_id   uuid not null references org_unit (id),
    since         timestamptz not null,
    ended_at      timestamptz
);
create index head_assignment_resident on head_assignment (resident_id) where ended_at is null;
create unique index head_assignment_one_per_unit on head_assignment (org_unit_id, kind) where ended_at is null;
