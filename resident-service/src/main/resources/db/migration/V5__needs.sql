-- Residents' needs (民情) heard on a round: routed to whoever is responsible, followed until the resident is told.
create table need (
    id                uuid primary key,
    community_id      varchar(64)   not null,
    district_id       varchar(64),
    grid_id           uuid,
    category          varchar(30)   not null,
    place             varchar(200)  not null,
    raised_by         uuid references resident (id),
    description       varchar(1000) not null,
    responsible       varchar(30),
    status            varchar(20)   not null,
    recorded_by       varchar(100)  not null,
    recorded_at       timestamptz   not null,
    updated_at        timestamptz   not null,
    done_at           timestamptz,
    resident_told_at  timestamptz
);
create index need_open on need (community_id, grid_id, recorded_at) where status <> 'CLOSED';

create table need_step (
    id       bigint generated always as identity primary key,
    need_id  uuid          not null references need (id),
    at       timestamptz   not null,
    actor    varchar(100)  not null,
    status   varchar(20)   not null,
    note     varchar(500)
);
create index need_step_need on need_step (need_id, id);
