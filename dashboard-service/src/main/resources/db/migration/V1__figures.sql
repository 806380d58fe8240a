-- The dashboard's read model: ids, codes, flags, counts and times learnt from the topics. No names, phone numbers,
-- ID numbers, addresses or notes ever reach these tables (events do not carry them; a test scans the tables).
-- Every table lives in the schema the connection's search_path names (dashboard): a rebuild creates the same tables
-- in a fresh schema, replays the topics into it and swaps it in by renaming.

-- The organisation above a community, from resident events (and org-unit events where they exist).
create table community (
    community_id     varchar(64) primary key,
    district_id      varchar(64),
    sub_district_id  varchar(64),
    name             varchar(200),
    first_seen_at    timestamptz not null default now()
);
create index community_district on community (district_id);

create table org_unit (
    unit_id     varchar(64) primary key,
    kind        varchar(32) not null,
    code        varchar(64),
    name        varchar(200),
    parent_id   varchar(64)
);

-- One number per community, day (community time), metric and dimension ('' = the total; 'type:ERRAND',
-- 'team:<id>', 'sponsor:<id>', 'band:AGED_75_84', 'cause:DELIVERY_MISSED', 'mode:DELIVERY' ...). Flows (lunches
-- served) count what happened that day; stocks (residents, volunteers enrolled) are stored as that day's change and
-- summed up to a day.
create table daily_figure (
    community_id  varchar(64) not null,
    day           date        not null,
    metric        varchar(48) not null,
    dimension     varchar(120) not null default '',
    value         bigint      not null,
    primary key (community_id, metric, dimension, day)
);
create index daily_figure_day on daily_figure (day, metric) where dimension = '';

-- What the people figures need to know about each resident: flags only.
create table resident (
    resident_id    uuid primary key,
    community_id   varchar(64) not null,
    grid_id        uuid,
    age_band       varchar(16),
    aged60         boolean not null default false,
    aged80         boolean not null default false,
    lives_alone    boolean not null default false,
    housebound     boolean not null default false,
    moved_out      boolean not null default false,
    last_contact_at timestamptz
);
create index resident_elders on resident (community_id, grid_id) where aged60 and not moved_out;

create table volunteer (
    volunteer_id  uuid primary key,
    community_id  varchar(64) not null
);

create table team_member (
    team_id       uuid not null,
    volunteer_id  uuid not null,
    community_id  varchar(64) not null,
    category      varchar(32),
    primary key (team_id, volunteer_id)
);
create index team_member_volunteer on team_member (volunteer_id);

-- A service as the volunteering figures count it: its type, its volunteer, its minutes, the day it counts on.
create table service (
    service_id     uuid primary key,
    community_id   varchar(64) not null,
    volunteer_id   uuid not null,
    type_code      varchar(48) not null,
    minutes        int not null,
    performed_on   date not null,
    status         varchar(16) not null,
    award_posting  uuid
);
create index service_active on service (community_id, performed_on) where status = 'CONFIRMED';
create index service_award on service (award_posting) where award_posting is not null;

create table care_alert (
    alert_id         uuid primary key,
    community_id     varchar(64) not null,
    grid_id          uuid,
    cause            varchar(32) not null,
    raised_at        timestamptz not null,
    escalates_at     timestamptz,
    acknowledged_at  timestamptz,
    escalated_at     timestamptz,
    resolved_at      timestamptz
);
create index care_alert_open on care_alert (community_id) where resolved_at is null;
create index care_alert_raised on care_alert (community_id, raised_at);

create table need (
    need_id       uuid primary key,
    community_id  varchar(64) not null,
    grid_id       uuid,
    category      varchar(32) not null,
    recorded_at   timestamptz not null,
    closed_at     timestamptz
);
create index need_open on need (community_id) where closed_at is null;

-- Where the projection stands on each partition: the next offset to apply. Written with every batch, so a rebuild
-- knows exactly which records the live schema has seen when it swaps.
create table applied_offset (
    topic        varchar(200) not null,
    partition    int not null,
    next_offset  bigint not null,
    primary key (topic, partition)
);

-- Events kept aside: a newer version of a known type (meal.served.v2) is counted here and reported on the admin API
-- until a release reads it; that release's rebuild reads it from its topic. Only where it lies is kept, never its payload.
create table held_event (
    event_id      varchar(200) primary key,
    type          varchar(200) not null,
    topic         varchar(200) not null,
    partition     int not null,
    record_offset bigint not null,
    community_id  varchar(64),
    held_at       timestamptz not null default now()
);
