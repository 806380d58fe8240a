-- Residents as points-service knows them, from resident events: who may volunteer, who may be helped.
create table member (
    resident_id   uuid primary key,
    community_id  varchar(64) not null,
    aged_60_plus  boolean     not null,
    housebound    boolean     not null,
    lives_alone   boolean     not null,
    moved_out     boolean     not null default false,
    updated_at    timestamptz not null
);
create index member_community on member (community_id);
