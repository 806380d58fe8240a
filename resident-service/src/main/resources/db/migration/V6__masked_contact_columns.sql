-- Masked forms of the encrypted fields (138****5678, 220103********123X), written with them, so lists never decrypt.
alter table resident
    add column phone_masked        varchar(20),
    add column national_id_masked  varchar(20);
-- Most list filters combine the community with a flag; these keep them off a full community scan.
create index resident_housebound on resident (community_id, name) where housebound and status = 'ACTIVE';
create index resident_lives_alone on resident (community_id, name) where lives_alone and status = 'ACTIVE';
create index resident_birth_date on resident (community_id, birth_date) where status = 'ACTIVE';
