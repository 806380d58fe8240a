-- Why a reader needed personal data in full (a phone, an ID number, relatives' phones), as they stated it.
alter table audit_entry add column reason varchar(200);
