/**
 * REST resources for API keys (issue, list, patch, rotate, revoke), end users and their keys
 * (bootstrap, verification), the identity endpoints ({@code /me}, {@code /auth/verify},
 * {@code /keys/verify}) and the audit log. Decisions: a key's secret appears exactly once, in the
 * answer that creates or rotates it; the rules (limits, grace periods, scope subsets) are
 * api-keys-core's, these classes only translate HTTP to calls on the {@code ApiKeys} facade.
 */
package dev.gatehouse.rest.keys.boundary;
