/**
 * Keeping several Gatehouse instances on one database in step. {@link
 * dev.gatehouse.rest.cluster.control.CacheChanges} is told by the cores of every change that can
 * deny access or change limits (revocation, rotation, expiry and scope changes, tier changes,
 * workspace deletion, limit overrides); it drops this instance's caches once the change has
 * committed and, on PostgreSQL, announces it to the others with {@code pg_notify} in the change's
 * own transaction, so nothing is announced that did not commit. {@link
 * dev.gatehouse.rest.cluster.control.CacheChangeListener} receives the announcements on a dedicated
 * connection ({@code LISTEN}) and drops what they name; every few seconds it also reads the change
 * counter the announcing transaction advanced, and drops every cache when that moved without a
 * notification it saw, so a lost notification or connection costs at most that interval (and never
 * more than the caches' own lifetimes). H2 is one instance: nothing is announced or listened for.
 */
package dev.gatehouse.rest.cluster.control;
