/**
 * Plan entitlements and rate limits: which features a workspace's tier includes and how much of
 * each it has used, and how many requests per minute its API keys may send.
 *
 * <p>{@link dev.gatehouse.entitlements.PlanCatalog} holds the tiers and features (a properties
 * file, strictly validated); {@link dev.gatehouse.entitlements.Entitlements} checks, records and
 * summarises usage against it; {@link dev.gatehouse.entitlements.RateLimiter} enforces each tier's
 * rate with Bucket4j token buckets. Storage is the one SPI,
 * {@link dev.gatehouse.entitlements.UsageStore}, with an exact in-memory implementation and a
 * contract test suite in the test-jar that every implementation must pass. Decisions: the tier is
 * passed by the host on each call rather than stored here, because workspaces belong to another
 * component; periods are UTC calendar periods so that every instance agrees without
 * coordination; hard limits are enforced by a guarded atomic add in the store, never by
 * check-then-write, and idempotent recording claims the event id and adds the usage in one store
 * operation so a duplicate can never count twice; {@link dev.gatehouse.entitlements.GroupCommit}
 * puts concurrent recordings into one transaction per batch through
 * {@link dev.gatehouse.entitlements.UsageStore#recordBatch}, applied as if one after another, and
 * answers each caller after the commit, so batching changes neither exactness nor durability; threshold notifications fire on the recording
 * that crosses 80 % or 100 % and are de-duplicated per period by the store; rate-limit buckets
 * refill greedily and use a {@link java.time.Clock}-backed Bucket4j time meter, so tests drive
 * them without sleeping. Only the facades, value records, the SPI and the exceptions are public;
 * there are no framework imports, so the component works in any Java application.
 */
package dev.gatehouse.entitlements;
