-- Each community's day (kind DAY, period 2026-11-30) and month (kind MONTH, period 2026-11) is closed once: the row is
-- written in the same transaction as the settlement.closed.v1 event in the outbox, and its unique key makes a second
-- instance (or a rerun of the job) find the period closed and publish nothing. The figures are those published.
create table settlement_closure (
    id                 uuid         primary key,
    community_id       varchar(64)  not null,
    kind               varchar(5)   not null check (kind in ('DAY', 'MONTH')),
    period             varchar(10)  not null,
    period_from        date         not null,
    period_to          date         not null,
    meals              bigint       not null,
    total_fen          bigint       not null,
    elder_paid_fen     bigint       not null,
    subsidy_fen        bigint       not null,
    sponsor_fen        bigint       not null,
    event_id           uuid,
    closed_at          timestamptz  not null,
    unique (community_id, kind, period)
);
