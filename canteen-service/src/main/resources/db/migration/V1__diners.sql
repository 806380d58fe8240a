-- Residents aged 60+ as the canteen knows them, from resident events: who may dine, who may get delivery,
-- which dietary codes the kitchen cooks for, which subsidy band applies.
create table diner (
    resident_id    uuid primary key,
    community_id   varchar(64)  not null,
    age_band       varchar(20)  not null,
    housebound     boolean      not null,
    low_income     boolean      not null,
    dietary_needs  varchar(200) not null default '',
    status         varchar(20)  not null,
    updated_at     timestamptz  not null
);
create index diner_community on diner (community_id, status);
