-- A service keeps its type's code (a type's code never changes), so answers and events need no lookup of the type.
alter table service_log add column type_code varchar(40);
update service_log s set type_code = t.code from service_type t where t.id = s.type_id;
alter table service_log alter column type_code set not null;
