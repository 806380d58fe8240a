-- Name search is by prefix (a surname, or the start of a full name): served by this index in any collation.
create index resident_name_prefix on resident (community_id, name text_pattern_ops) where status = 'ACTIVE';
