/**
 * The pixel's rows: sites, daily salts, raw events, their visits (one row per visit and day) and
 * their daily roll-ups. No entity has a field for an IP address or a user agent. Events and visits
 * are written in JDBC batches by {@code PixelEventStore}; their entities exist so stats read them
 * with typed queries.
 */
package dev.gatehouse.rest.analytics.entity;
