/**
 * The workspaces (tenants) REST resource: list, get, create (root keys only), patch (settings are
 * merged, not replaced) and delete. Decisions: a workspace key sees only its own workspace and
 * anything else is a 404, never a 403 that would confirm it exists; deleting a workspace stops its
 * keys from authenticating at once.
 */
package dev.gatehouse.rest.workspaces.boundary;
