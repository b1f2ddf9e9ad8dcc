/**
 * Idempotent writes: the {@code Idempotency-Key} request filter, response filter and writer
 * interceptor. Keys are scoped to the calling API key, kept 24 hours in the database (so they hold
 * across instances), replayed with {@code Idempotent-Replayed: true}; 5xx results are not kept.
 */
package dev.gatehouse.rest.idempotency.boundary;
