/**
 * The platform's test application: the few entities and resources a service would have, just enough to drive the
 * platform's plumbing (outbox, inbox, problems, timestamps) through a running Quarkus on real PostgreSQL and Kafka.
 * Nothing here is a pattern for services beyond what the platform asks of them.
 */
package org.linli.platform.testapp;
