-- Who may act for whom, for what, until when: a family member signed in as themself (their account's subject) for a
-- parent who consented (purpose FAMILY_ACCESS). Revoked or replaced links are kept; nothing is deleted.
create table family_link (
    id            uuid primary key,
    community_id  varchar(64)  not null,
    parent_id     uuid         not null references resident (id),
    member_id     uuid         not null,
    relationship  varchar(30)  not null,
    purposes      varchar(100) not null check (purposes <> ''),
    valid_until   date,
    consent_id    uuid         not null references consent (id),
    status        varchar(20)  not null,
    granted_by    varchar(100) not null,
    granted_at    timestamptz  not null,
    revoked_by    varchar(100),
    revoked_at    timestamptz,
    version       bigint       not null default 0,
    check (member_id <> parent_id)
);
-- one standing link between two people at a time; a second grant while one holds is a conflict
create unique index family_link_one_active on family_link (parent_id, member_id) where status = 'ACTIVE';
create index family_link_member on family_link (member_id, status);
create index family_link_community on family_link (community_id, granted_at);

-- Every entry says on whose authority the actor acted when it was not their own (a family member for a parent).
alter table audit_entry add column acted_for varchar(100);

-- A care alert a family member acknowledged names the parent they acted for (acknowledged_by is the family member).
alter table care_alert add column acknowledged_for uuid;
