-- "Has this diner already got lunch that day?" is asked on every order with the status as a parameter, which the
-- partial unique index cannot answer (its predicate is not provable for a parameter); this index can.
create index meal_order_diner_day on meal_order (diner_id, meal_date);
-- The statement and refunds look entries up by order.
create index account_entry_order on account_entry (order_id) where order_id is not null;
