-- The red-vest moral bank: volunteers, service log, points rules, an append-only double-entry ledger with a
-- hash chain, rewards with stock, redemptions, and class time bought with volunteer minutes.

alter table member add column district_id varchar(64);
alter table member add column grid_id uuid;

-- Volunteers, from volunteer.enrolled.v1 and the team events; their wallets open on enrolment.
create table volunteer (
    volunteer_id  uuid primary key,
    community_id  varchar(64) not null,
    district_id   varchar(64),
    enrolled_at   timestamptz not null
);
create index volunteer_community on volunteer (community_id);

create table volunteer_team (
    volunteer_id  uuid        not null references volunteer,
    team_id       uuid        not null,
    category      varchar(40),
    primary key (volunteer_id, team_id)
);
create index volunteer_team_team on volunteer_team (team_id);

-- What one community pays for a delivery and charges in minutes for a class.
create table community_policy (
    community_id       varchar(64) primary key,
    delivery_points    integer     not null check (delivery_points >= 0),
    minutes_per_class  integer     not null check (minutes_per_class > 0),
    updated_at         timestamptz not null,
    updated_by         varchar(100) not null
);

-- Service types and their points rules, per community.
create table service_type (
    id                 uuid primary key,
    community_id       varchar(64)  not null,
    code               varchar(40)  not null,
    name               varchar(100) not null,
    basis              varchar(20)  not null check (basis in ('PER_SERVICE', 'PER_MINUTES')),
    points             integer      not null check (points >= 0),
    per_minutes        integer      check (per_minutes > 0),
    daily_cap          integer      check (daily_cap >= 0),
    weekly_cap         integer      check (weekly_cap >= 0),
    needs_beneficiary  boolean      not null,
    active             boolean      not null,
    version            bigint       not null default 0,
    unique (community_id, code),
    check (basis = 'PER_SERVICE' or per_minutes is not null)
);

-- One activity, many volunteers (a snow-sweeping morning).
create table service_activity (
    id            uuid primary key,
    community_id  varchar(64)  not null,
    type_id       uuid         not null references service_type,
    title         varchar(200) not null,
    performed_at  timestamptz  not null,
    minutes       integer      not null check (minutes between 1 and 720),
    organised_by  varchar(100) not null,
    created_at    timestamptz  not null
);

create table service_log (
    id                uuid primary key,
    community_id      varchar(64)  not null,
    district_id       varchar(64),
    volunteer_id      uuid         not null,
    type_id           uuid         not null references service_type,
    beneficiary_id    uuid,
    activity_id       uuid         references service_activity,
    performed_at      timestamptz  not null,
    minutes           integer      not null check (minutes between 1 and 720),
    note              varchar(500),
    status            varchar(20)  not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'REVERSED')),
    logged_by         varchar(100) not null,
    logged_at         timestamptz  not null,
    idempotency_key   varchar(100),
    decided_by        varchar(100),
    decided_as        varchar(30),
    decided_at        timestamptz,
    rejection_reason  varchar(500),
    points_awarded    integer,
    posting_id        uuid,
    version           bigint       not null default 0,
    check (beneficiary_id is null or beneficiary_id <> volunteer_id)
);
create unique index service_log_idempotency on service_log (community_id, logged_by, idempotency_key)
    where idempotency_key is not null;
create index service_log_community on service_log (community_id, status, performed_at);
create index service_log_volunteer on service_log (volunteer_id, performed_at);
create index service_log_beneficiary on service_log (beneficiary_id) where beneficiary_id is not null;
create index service_log_activity on service_log (activity_id) where activity_id is not null;

-- The ledger. Accounts hold one unit each; a balance is kept with the account (read in O(1)) and always
-- equals the sum of its entries (GET /ledger/verify proves it). Only issuing accounts may go negative.
create table ledger_account (
    id              uuid primary key,
    community_id    varchar(64) not null,
    kind            varchar(30) not null,
    unit            varchar(20) not null check (unit in ('POINTS', 'MINUTES', 'CLASS_CREDITS')),
    owner_id        uuid,
    balance         bigint      not null default 0,
    allow_negative  boolean     not null,
    frozen          boolean     not null default false,
    created_at      timestamptz not null,
    check (allow_negative or balance >= 0)
);
create unique index ledger_account_identity on ledger_account (community_id, kind, unit, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'));
create index ledger_account_owner on ledger_account (owner_id) where owner_id is not null;
create index ledger_account_community_own on ledger_account (community_id) where owner_id is null;

-- The head of each community's hash chain: postings are numbered and chained one after another.
create table ledger_chain (
    community_id  varchar(64) primary key,
    last_seq      bigint      not null,
    last_hash     varchar(64) not null
);

create table posting (
    id          uuid primary key,
    community_id varchar(64) not null,
    seq         bigint       not null,
    kind        varchar(30)  not null,
    reference   varchar(120) not null,
    reverses    uuid         references posting,
    reason      varchar(500),
    created_by  varchar(100) not null,
    created_at  timestamptz  not null,
    prev_hash   varchar(64)  not null,
    hash        varchar(64)  not null,
    unique (community_id, seq),
    unique (community_id, reference)
);
create unique index posting_reversed_once on posting (reverses) where reverses is not null;

create table ledger_entry (
    id             bigserial primary key,
    posting_id     uuid    not null references posting,
    account_id     uuid    not null references ledger_account,
    amount         bigint  not null check (amount <> 0),
    balance_after  bigint  not null
);
create index ledger_entry_account on ledger_entry (account_id, id);
create index ledger_entry_posting on ledger_entry (posting_id);

-- Append-only: postings and entries are never updated or deleted; a correction is a reversing posting.
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name using errcode = '55000';
end;
$$;
create trigger posting_append_only before update or delete on posting
    for each row execute function ledger_is_append_only();
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_is_append_only();

-- Rewards and redemptions.
create table reward (
    id                   uuid primary key,
    community_id         varchar(64)  not null,
    name                 varchar(100) not null,
    description          varchar(500),
    points_price         integer      not null check (points_price > 0),
    stock                integer      not null check (stock >= 0),
    per_volunteer_limit  integer      check (per_volunteer_limit > 0),
    active_from          date,
    active_until         date,
    sponsor_id           varchar(100),
    created_at           timestamptz  not null,
    version              bigint       not null default 0,
    check (active_until is null or active_from is null or active_until >= active_from)
);
create index reward_community on reward (community_id);
create index reward_sponsor on reward (sponsor_id) where sponsor_id is not null;

create table redemption (
    id                   uuid primary key,
    community_id         varchar(64)  not null,
    reward_id            uuid         not null references reward,
    volunteer_id         uuid         not null,
    points               integer      not null,
    status               varchar(20)  not null check (status in ('RESERVED', 'HANDED_OVER', 'CANCELLED')),
    reserved_at          timestamptz  not null,
    reserved_by          varchar(100) not null,
    closed_at            timestamptz,
    closed_by            varchar(100),
    cancel_reason        varchar(500),
    posting_id           uuid         not null references posting,
    reversal_posting_id  uuid         references posting,
    version              bigint       not null default 0
);
create index redemption_reward on redemption (reward_id, volunteer_id, status);
create index redemption_volunteer on redemption (volunteer_id);
create index redemption_community on redemption (community_id, reserved_at);

-- Senior-university classes bought with volunteer time.
create table class_course (
    id            uuid primary key,
    community_id  varchar(64)  not null,
    title         varchar(100) not null,
    provider      varchar(100),
    description   varchar(500),
    created_at    timestamptz  not null
);
create index class_course_community on class_course (community_id);

create table class_session (
    id                uuid primary key,
    course_id         uuid        not null references class_course,
    community_id      varchar(64) not null,
    starts_at         timestamptz not null,
    duration_minutes  integer     not null check (duration_minutes > 0),
    seats             integer     not null check (seats > 0),
    seats_taken       integer     not null default 0,
    version           bigint      not null default 0,
    check (seats_taken between 0 and seats)
);
create index class_session_course on class_session (course_id, starts_at);

create table class_booking (
    id                   uuid primary key,
    session_id           uuid         not null references class_session,
    community_id         varchar(64)  not null,
    volunteer_id         uuid         not null,
    status               varchar(20)  not null check (status in ('BOOKED', 'CANCELLED')),
    booked_at            timestamptz  not null,
    booked_by            varchar(100) not null,
    cancelled_at         timestamptz,
    posting_id           uuid         not null references posting,
    reversal_posting_id  uuid         references posting
);
create unique index class_booking_once on class_booking (session_id, volunteer_id) where status = 'BOOKED';
create index class_booking_volunteer on class_booking (volunteer_id);
