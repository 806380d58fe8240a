-- Where the deployment's rebuilds stand, outside the schema a rebuild replaces (dashboard_ops is not swapped), so
-- that every instance answers GET /admin/rebuild alike and a second rebuild is refused wherever it is asked for.
-- "if not exists": a rebuild migrates its fresh schema with these same scripts.
create table if not exists dashboard_ops.rebuild_run (
    run_id            uuid primary key,
    state             varchar(16) not null,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    records_replayed  bigint not null default 0,
    events_projected  bigint not null default 0,
    failure           varchar(500),
    updated_at        timestamptz not null default now()
);
create index if not exists rebuild_run_started on dashboard_ops.rebuild_run (started_at desc);
