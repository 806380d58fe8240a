-- The W3C trace context in which an event was published (the CloudEvents distributed-tracing extension): the relay
-- sends it with the event, so the consumers continue the publisher's trace. Null for events published outside a trace
-- (and for every event published before this column existed).
alter table outbox_event
    add column traceparent  varchar(128),
    add column tracestate   varchar(512);
