-- One database per service; no service reads another's tables.
create database linli_resident;
create database linli_points;
create database linli_canteen;
create database linli_dashboard;
create database linli_partner;
