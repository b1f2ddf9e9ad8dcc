/**
 * The pixel's rows: sites, daily salts, raw events and their daily roll-ups. No entity has a field
 * for an IP address or a user agent. Events are written in JDBC batches by
 * {@code PixelEventStore}; the entity exists so stats read them with typed queries.
 */
package dev.gatehouse.rest.analytics.entity;
