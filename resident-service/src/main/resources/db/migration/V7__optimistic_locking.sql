-- Concurrent changes to the same alert, need, application, suspicion or pairing: the later one fails (409), never overwrites.
alter table care_alert add column version bigint not null default 0;
alter table need add column version bigint not null default 0;
alter table volunteer add column version bigint not null default 0;
alter table duplicate_suspect add column version bigint not null default 0;
alter table care_pairing add column version bigint not null default 0;
