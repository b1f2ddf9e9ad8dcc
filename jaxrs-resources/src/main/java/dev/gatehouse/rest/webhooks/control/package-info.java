/**
 * Webhooks in the container: the JPA {@code WebhookStore}, the {@code Webhooks} facade built from
 * {@code gatehouse.webhooks.*} configuration, the {@code EventPublisher} applications inject (it
 * joins their JTA transaction: the outbox), the observer that publishes Gatehouse's own
 * {@code DomainEvent}s, and the delivery workers that run on every instance. Decisions: sends never
 * run inside a transaction, every store call is its own unit so a crash loses at most a lease's
 * worth of time, never a delivery; the encryption key for signing secrets comes from configuration
 * or, failing that, is generated once and kept in the database with a warning at every start.
 */
package dev.gatehouse.rest.webhooks.control;
