/**
 * Gatehouse's Jakarta EE layer: {@link dev.gatehouse.rest.Gatehouse#restClasses()} lists every
 * resource, filter, reader and exception mapper, so an application that embeds Gatehouse registers
 * them under the path it chooses. Below it, one package per feature ({@code keys}, {@code workspaces},
 * {@code webhooks}, {@code entitlements}, {@code idempotency}, {@code contract}) and {@code platform}
 * for what every feature shares, each split by role: {@code boundary} (HTTP), {@code control} (CDI
 * beans, JPA stores implementing the cores' SPIs), {@code entity} (JPA mappings). The rules live in
 * the three framework-free cores; this layer only adapts them.
 */
package dev.gatehouse.rest;
