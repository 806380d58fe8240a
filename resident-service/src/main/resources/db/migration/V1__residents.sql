create table resident (
    id               uuid primary key,
    community_id     varchar(64)  not null,
    name             varchar(100) not null,
    gender           varchar(10)  not null,
    birth_date       date         not null,
    lives_alone      boolean      not null default false,
    housebound       boolean      not null default false,
    chronic_illness  boolean      not null default false,
    low_income       boolean      not null default false,
    dietary_needs    varchar(200) not null default '',
    registered_at    timestamptz  not null,
    moved_out_on     date,
    version          bigint       not null default 0
);
create index resident_community on resident (community_id, name);
