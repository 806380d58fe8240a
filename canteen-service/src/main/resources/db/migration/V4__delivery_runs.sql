-- The day's delivery runs: stops ordered by building and stairwell, each order on at most one run.
create table delivery_run (
    id             uuid primary key,
    community_id   varchar(64)  not null,
    run_date       date         not null,
    deliverer_kind varchar(10)  not null,
    deliverer_id   varchar(100) not null,
    created_by     varchar(100) not null,
    created_at     timestamptz  not null
);
create index delivery_run_day on delivery_run (community_id, run_date);
create index delivery_run_deliverer on delivery_run (deliverer_id, run_date);

create table delivery_stop (
    id            uuid primary key,
    run_id        uuid         not null references delivery_run (id),
    order_id      uuid         not null unique references meal_order (id),
    sequence      int          not null,
    building_id   uuid,
    unit_id       uuid,
    dietary_needs varchar(200) not null default '',
    welfare_check varchar(10),
    note          varchar(500),
    recorded_by   varchar(100),
    recorded_at   timestamptz
);
create index delivery_stop_run on delivery_stop (run_id, sequence);
