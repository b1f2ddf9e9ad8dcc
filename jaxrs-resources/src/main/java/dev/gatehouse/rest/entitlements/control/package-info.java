/**
 * The entitlements core wired into the container: the JPA usage store (guarded atomic SQL that
 * runs on PostgreSQL and on H2 in PostgreSQL mode), the producers that build the facades from
 * MicroProfile Config, the bucket store switch (memory or Bucket4j on PostgreSQL), tier resolution
 * for rate limits, threshold notifications as domain events, and the group commit of usage
 * recordings made outside a caller's transaction ({@code UsageRecorder}: one writer thread and one
 * JTA transaction per batch, {@code UsageBatchSql} doing a batch in a handful of statements, each
 * caller answered after its batch committed). Decisions: usage is never
 * read-modified-written, so exactness holds across instances without application locks; the
 * threshold listener fires inside the recording's transaction, so its webhook outbox row commits
 * with the usage; usage events and stale bucket rows are not yet purged on a schedule
 * ({@code Entitlements#purgeExpiredEvents} and Bucket4j's {@code removeExpired} exist for it).
 */
package dev.gatehouse.rest.entitlements.control;
