/**
 * Entitlements and rate limits over HTTP: seed 001's check / usage / summary endpoints, the plan
 * catalog, root-only overrides and audited adjustments, the per-key rate-limit filter with its
 * headers, and what a deploying app uses to meter its own endpoints ({@code @Entitled},
 * {@code WorkspaceUsage}). Decisions: errors leave only through the exception mappers (the core's
 * exceptions are translated in {@code CoreErrors}); a rate-limit decision is kept as a request
 * property so the response filter can put the headers on every response, errors included; a
 * request refused by the scope check is counted when its response leaves, so every authenticated
 * request costs a token.
 */
package dev.gatehouse.rest.entitlements.boundary;
