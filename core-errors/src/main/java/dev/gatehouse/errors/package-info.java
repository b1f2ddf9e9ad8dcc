/**
 * The error vocabulary the three cores share ({@code api-keys-core}, {@code webhooks-core},
 * {@code entitlements-core}): one {@link dev.gatehouse.errors.ValidationException} for input that
 * breaks a rule, and one {@link dev.gatehouse.errors.FieldErrors} collector that gathers every bad
 * field before throwing it, so that a caller learns about all of them at once; and
 * {@link dev.gatehouse.errors.BuilderSettings}, the one precondition style of the cores' builders
 * (each setting made once, each argument checked with a message naming it).
 *
 * <p>Decisions: a module of its own, JDK only, so that each core stays independent of the others
 * and an embedding application maps exactly one type to its "422 validation_failed"; fields are
 * named as the REST API names them (snake_case, e.g. {@code expires_at}); messages never echo the
 * rejected value, so a mistyped secret cannot leak through an error body or a log line.
 */
package dev.gatehouse.errors;
