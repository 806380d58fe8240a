-- A stock's level now (residents aged 80+, volunteers enrolled), kept beside its daily changes: the level on a day is
-- now minus the changes after it, so a figure for this month reads a few rows instead of every day since the start.
create table stock_level (
    community_id  varchar(64) not null,
    metric        varchar(48) not null,
    dimension     varchar(120) not null default '',
    value         bigint not null,
    primary key (community_id, metric, dimension)
);

insert into stock_level (community_id, metric, dimension, value)
select community_id, metric, dimension, sum(value) from daily_figure
where metric in ('residents', 'residents.aged60', 'residents.aged80', 'residents.lives-alone', 'residents.housebound',
                 'volunteers.enrolled')
group by community_id, metric, dimension;
