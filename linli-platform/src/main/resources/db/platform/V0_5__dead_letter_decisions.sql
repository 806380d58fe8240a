-- A dead letter an operator replayed or discarded, by "topic/partition/offset": decided once (the key refuses a second
-- decision), so the list shows what still waits. Who and why are in operator_action.
create table dead_letter_decision (
    record      text primary key,
    decision    text not null,
    decided_at  timestamptz not null
);
