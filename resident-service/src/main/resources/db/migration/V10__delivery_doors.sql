-- Which deliverer carries which residents' lunches on which day, learnt from the canteen's delivery-run.planned.v1:
-- whom resident-service shows which doors. A later event for a run replaces its deliverer and its stops.
create table delivery_run (
    id             uuid primary key,
    community_id   varchar(64)  not null,
    run_date       date         not null,
    deliverer_kind varchar(10)  not null,
    deliverer_id   varchar(100) not null,
    planned_at     timestamptz  not null
);
create index delivery_run_day on delivery_run (community_id, run_date);
create index delivery_run_deliverer on delivery_run (deliverer_id, run_date);

create table delivery_run_stop (
    id          uuid primary key,
    run_id      uuid not null references delivery_run (id),
    sequence    int  not null,
    resident_id uuid not null
);
create index delivery_run_stop_run on delivery_run_stop (run_id, sequence);
