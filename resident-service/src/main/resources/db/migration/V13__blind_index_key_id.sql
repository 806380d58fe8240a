-- The id of the key that computed each resident's blind index (national_id_hash), so that the index key can rotate
-- without downtime: lookups match the current and the previous keys' indexes while PiiReindexing recomputes every
-- resident's index in batches, and the rows still to do are those with another id. Indexes computed before ids existed
-- were computed with key 1: the default, which a constant default gives every existing row without rewriting the table
-- (and any row a previous release inserts during a rolling upgrade).
alter table resident add column national_id_index_key smallint default 1;
