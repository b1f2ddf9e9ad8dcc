/**
 * Gatehouse API keys, scopes, end users and workspaces, framework-agnostic (JDK only) so that a
 * Jakarta EE, Spring or plain Java SE application can embed them. {@link dev.gatehouse.keys.ApiKeys},
 * {@link dev.gatehouse.keys.Users} and {@link dev.gatehouse.keys.Workspaces} are the facades; values
 * are records; {@link dev.gatehouse.keys.ApiKeyStore}, {@link dev.gatehouse.keys.UserStore},
 * {@link dev.gatehouse.keys.WorkspaceStore} and {@link dev.gatehouse.keys.AuditSink} are the only
 * interfaces, each with an in-memory implementation, and every store implementation must pass the
 * shared contract suites shipped in this module's test-jar. Decisions: a key is
 * {@code <prefix><24 base62 random><6 base62 CRC32 checksum>}, so typos and garbage are rejected
 * before any store or cache access; only the lowercase hex SHA-256 of a key and a 12-character
 * display prefix are stored, never the key; time comes only from an injected {@link java.time.Clock}
 * and randomness from an injected {@link java.security.SecureRandom}; verification results are
 * cached per instance (found keys at most 30 s, unknown keys at most 60 s) with expiry re-evaluated
 * against the clock on every hit, so revocation elsewhere propagates within those bounds; last-use
 * timestamps are best effort, throttled in memory and written by a scheduler via
 * {@link dev.gatehouse.keys.ApiKeys#flushLastUsed()}; a key can never grant scopes its issuer does
 * not hold, except the platform's fixed end-user scope sets; anything outside a caller's reach
 * surfaces as a "not found" exception so that existence is never confirmed; exceptions are
 * unchecked, never carry a raw key, and are mapped to HTTP by the integration layer. Behind each
 * facade the parts are package-private, one seam each (Caffeine's way): {@code VerificationCache}
 * is the request path and {@code KeyLifecycle} every change of a key, {@code VerificationCodes}
 * and {@code UserFields} serve {@code Users}, and each builder's defaults and checks live in one
 * settings class ({@code ApiKeysSettings}).
 */
package dev.gatehouse.keys;
