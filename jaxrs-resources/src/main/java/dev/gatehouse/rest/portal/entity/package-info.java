/**
 * The portal's one table, {@code portal_sessions}: a row starts as a single-use magic link and
 * becomes a browser session when the link is exchanged. Tokens are stored as SHA-256 hashes only,
 * like API keys, so a copy of the database signs nobody in.
 */
package dev.gatehouse.rest.portal.entity;
