/**
 * The webhook tables as JPA entities: endpoints, the event log, the delivery outbox, attempts, and
 * the generated-settings table. Plain public fields mapped to the Flyway schema of
 * {@code V2__webhooks.sql}; Hibernate validates them, it never creates the tables. Ids are plain
 * columns rather than relationships, so the store loads exactly what each call needs.
 */
package dev.gatehouse.rest.webhooks.entity;
