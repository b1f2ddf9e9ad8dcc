/**
 * The JPA implementations of api-keys-core's storage SPI (keys, users, verification codes) and the
 * audit sink. Decisions: keys are stored as SHA-256 hashes only; each store passes the same contract
 * test suite as the in-memory store, on H2 and on PostgreSQL.
 */
package dev.gatehouse.rest.keys.control;
