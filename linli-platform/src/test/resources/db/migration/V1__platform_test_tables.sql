-- Tables of the platform's test application only (the platform's own tables come from db/platform).

-- A moment taken from the community clock and stored, to compare what was answered with what was kept.
create table stamp (
    id  uuid primary key,
    at  timestamptz not null
);

-- One row each time an inbox handler ran: the effect that must happen once per event.
create table handled_event (
    id        bigint generated always as identity primary key,
    consumer  varchar(100) not null,
    event_id  varchar(200) not null
);

-- A name that may exist once: a second one breaks the database's integrity rule.
create table label (
    name  varchar(100) primary key
);
