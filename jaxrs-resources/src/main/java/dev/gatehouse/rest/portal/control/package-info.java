/**
 * The rules of portal sessions and host-signed JWTs. A session is minted as a single-use link for
 * one workspace, with scopes never wider than the minting key's; exchanging it is one guarded
 * update, so it works exactly once on any number of instances. Tokens are 32 random bytes, stored
 * as SHA-256 only; the CSRF token is derived from the session token, so nothing else is stored. A
 * session ends at its expiry, at logout, when its workspace's sessions are revoked, and when the
 * key that minted it is revoked or expires — a session is a narrowed delegation of that key.
 * JWTs are verified by Nimbus JOSE+JWT (HMAC secret or a JWKS URL), never by hand.
 */
package dev.gatehouse.rest.portal.control;
