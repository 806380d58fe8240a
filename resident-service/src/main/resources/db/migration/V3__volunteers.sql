-- Red-vest volunteers (红马甲): enrolment with review, teams, and care pairings (结对帮扶).
create table volunteer (
    resident_id       uuid primary key references resident (id),
    community_id      varchar(64)  not null,
    status            varchar(20)  not null,
    applied_at        timestamptz  not null,
    applied_by        varchar(100) not null,
    reviewed_by       varchar(100),
    reviewed_at       timestamptz,
    rejection_reason  varchar(300)
);
create index volunteer_community on volunteer (community_id, status);

create table volunteer_team (
    id            uuid primary key,
    community_id  varchar(64)  not null,
    name          varchar(100) not null,
    category      varchar(30)  not null,
    created_at    timestamptz  not null,
    unique (community_id, name)
);

create table team_membership (
    id            uuid primary key,
    team_id       uuid not null references volunteer_team (id),
    resident_id   uuid not null references volunteer (resident_id),
    joined_at     timestamptz not null,
    left_at       timestamptz
);
create unique index team_membership_current on team_membership (team_id, resident_id) where left_at is null;

create table care_pairing (
    id             uuid primary key,
    community_id   varchar(64) not null,
    volunteer_id   uuid not null references volunteer (resident_id),
    resident_id    uuid not null references resident (id),
    since          timestamptz not null,
    ended_at       timestamptz,
    note           varchar(300)
);
create unique index care_pairing_current on care_pairing (volunteer_id, resident_id) where ended_at is null;
create index care_pairing_resident on care_pairing (resident_id) where ended_at is null;
