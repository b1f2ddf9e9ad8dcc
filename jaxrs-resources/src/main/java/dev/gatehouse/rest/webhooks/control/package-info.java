/**
 * Webhooks in the container: the JPA {@code WebhookStore}, the {@code Webhooks} facade built from
 * {@code gatehouse.webhooks.*} configuration, the {@code EventPublisher} applications inject (it
 * joins their JTA transaction: the outbox), the observer that publishes Gatehouse's own
 * {@code DomainEvent}s, and the delivery workers that run on every instance. Decisions: sends never
 * run inside a transaction, every store call is its own unit so a crash loses at most a lease's
 * worth of time, never a delivery; the encryption key for signing secrets comes from configuration
 * or, failing that, is generated once and kept in the database with a warning at every start.
 * Where publishes are batched: only the REST endpoint {@code POST /events}, which has no transaction
 * of its own to join, goes through {@code EventBatches} — a group commit (the shared
 * {@code GroupCommitter}) that writes concurrent publishes in one transaction and answers each
 * caller after that commit, so publishing is not bound by one commit (one WAL flush) per event;
 * {@code EventPublisher} is never batched, since its callers' events must commit or roll back with
 * their own transaction.
 */
package dev.gatehouse.rest.webhooks.control;
