/**
 * Keeping several Gatehouse instances on one database in step. {@link
 * dev.gatehouse.rest.cluster.control.CacheChanges} is told by the cores of every change that can
 * deny access or change limits (revocation, rotation, expiry and scope changes, workspace updates
 * and deletion, limit overrides); it drops this instance's caches once the change has
 * committed and, on PostgreSQL, announces it to the others with {@code pg_notify} in the change's
 * own transaction, so nothing is announced that did not commit. {@link
 * dev.gatehouse.rest.cluster.control.CacheChangeListener} receives the announcements on a dedicated
 * connection ({@code LISTEN}) and drops what they name; every few seconds it also reads the change
 * counter the announcing transaction advanced, and drops every cache when that moved without a
 * notification it saw, so a lost notification or connection costs at most that interval (and never
 * more than the caches' own lifetimes). H2 is one instance: nothing is announced or listened for.
 *
 * <p>Jobs that must run once per cluster take a lease in {@code job_locks} ({@link
 * dev.gatehouse.rest.cluster.control.JobLocks}): a conditional update that one instance wins until
 * the lease ends, which is also how often the job runs cluster-wide. A lease rather than a session
 * lock ({@code pg_try_advisory_lock}) because it works the same on H2, survives a pooled connection
 * being handed to another thread, and lets a test drive it with fixed instants. {@link
 * dev.gatehouse.rest.cluster.control.RetentionJobs} deletes what grows without bound under it.
 */
package dev.gatehouse.rest.cluster.control;
